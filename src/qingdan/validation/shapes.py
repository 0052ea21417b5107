"""Which checks can be rerun record by record: a static reading of each check's code.

Most checks are loops over one kind's records, `for item in registry.of(POWER): ...`, whose body looks at the
item and at whatever it finds through `registry` (an item's unit, its parent) and yields findings. Such a
loop body is a function of one record: rerunning it for the records of the files that changed (and of the
files whose lookups changed) gives exactly the findings a full run would. A check is read as such a
*decomposable* check only when its code proves it, conservatively:

- the function's body (after its docstring) is nothing but loops `for NAME in <registry>.of(<kind>):`;
- a loop body carries nothing from one record to the next: every local name it reads is assigned earlier
  in the same pass, it neither breaks out of the loop nor returns, and it declares no `global`/`nonlocal`,
  functions or classes;
- every module-level name it (or a helper it calls) reads is a function, class or module, or a value that
  cannot change: a helper defined among the checks is read by the same rules, a mutable container (a
  table of constants) only if its contents are immutable and the code only reads it.

The loops may be preceded by a *prologue* of statements `yield from HELPER(...)` whose arguments read the
registry only as `registry.settings` (QD102 reports a `codes` template it cannot compile, on qingdan.yaml):
what they find depends on qingdan.yaml alone, and a change of qingdan.yaml makes every run cold.

Anything else — a set of values seen so far, a table built before the loop, a loop over the kind table
(QD901) — makes the check *global*: it is rerun whole when something it read has changed. The result is only
ever a speed-up; a global check is always exact.
"""

from __future__ import annotations

import ast
import builtins
import functools
import inspect
import textwrap
import types
from dataclasses import dataclass
from typing import Any

from qingdan.checks.base import Check
from qingdan.validation.readonly import (
    FORBIDDEN_BUILTINS,
    deeply_immutable_contents,
    immutable,
    read_only,
    walk,
)

_CHECKS_PACKAGE = "qingdan.checks"


@dataclass(frozen=True)
class Shape:
    """A check's shape: `lines[i]` are the source lines of the i-th loop's `registry.of(...)`; none: global."""

    code: types.CodeType | None
    lines: tuple[tuple[int, int], ...] = ()
    reason: str = ""  # why it is global
    prologue: bool = False  # it opens with findings on the settings alone, before its loops

    @property
    def decomposable(self) -> bool:
        return bool(self.lines)

    def loop_at(self, line: int) -> int | None:
        """The loop whose `registry.of(...)` is on this line."""
        for index, (first, last) in enumerate(self.lines):
            if first <= line <= last:
                return index
        return None


class _Global(Exception):
    """The check is not provably decomposable; the message says why."""


@functools.cache
def shape_of(check: Check) -> Shape:
    function = check.run
    code = getattr(function, "__code__", None)
    try:
        if not isinstance(function, types.FunctionType) or code is None:
            raise _Global("not a plain function")
        lines, prologue = _loops(function)
        return Shape(code, lines, prologue=prologue)
    except _Global as reason:
        return Shape(code, (), str(reason))
    except Exception as error:  # no source to read, or code this reading does not know: a global check
        return Shape(code, (), f"{type(error).__name__}: {error}")


def _parse(function: types.FunctionType) -> ast.FunctionDef:
    lines, start = inspect.getsourcelines(function)
    tree = ast.parse(textwrap.dedent("".join(lines)))
    ast.increment_lineno(tree, start - 1)
    node = tree.body[0] if tree.body else None
    if not isinstance(node, ast.FunctionDef):
        raise _Global("not a function definition")
    return node


def _loops(function: types.FunctionType) -> tuple[tuple[tuple[int, int], ...], bool]:
    if function.__code__.co_freevars or function.__defaults__ or function.__kwdefaults__:
        raise _Global("closure or defaults")
    node = _parse(function)
    arguments = node.args
    if len(arguments.args) != 1 or arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs:
        raise _Global("not a function of the registry alone")
    registry = arguments.args[0].arg
    body = node.body[1:] if _is_docstring(node.body[0]) else node.body
    if not body:
        raise _Global("no loop")
    if any(isinstance(n, ast.Name) and n.id == registry and not isinstance(n.ctx, ast.Load) for n in ast.walk(node)):
        raise _Global("assigns to the registry's name")
    reader = _Reader(function.__globals__, frozenset(function.__code__.co_varnames))
    prologue = 0
    while prologue < len(body) and _settings_call(body[prologue], registry, reader):
        prologue += 1
    body = body[prologue:]
    if not body:
        raise _Global("no loop")
    lines = []
    for statement in body:
        kind_expression = _driver(statement, registry)
        assert isinstance(statement, ast.For)
        reader.expression(kind_expression, frozenset())
        target = statement.target
        assert isinstance(target, ast.Name)
        reader.block(statement.body, frozenset({registry, target.id}), driver=True)
        lines.append((statement.iter.lineno, statement.iter.end_lineno or statement.iter.lineno))
    return tuple(lines), prologue > 0


def _settings_call(statement: ast.stmt, registry: str, reader: _Reader) -> bool:
    """Whether a statement before the loops is `yield from HELPER(...)` reading the registry only as
    `registry.settings` (a prologue statement); any other use of the registry there makes the check global."""
    if not (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.YieldFrom)
        and isinstance(statement.value.value, ast.Call)
    ):
        return False
    call = statement.value.value
    for child, parent in walk(call, into_scopes=True):
        settings = isinstance(parent, ast.Attribute) and parent.attr == "settings"
        if isinstance(child, ast.Name) and child.id == registry and not settings:
            raise _Global("reads the registry before its loops")
    reader.expression(call, frozenset({registry}))
    return True


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def _driver(statement: ast.stmt, registry: str) -> ast.expr:
    """The kind expression of `for NAME in registry.of(KIND):`, a name or dotted name."""
    if not (isinstance(statement, ast.For) and isinstance(statement.target, ast.Name) and not statement.orelse):
        raise _Global("a statement other than a loop over the registry")
    call = statement.iter
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "of"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == registry
        and len(call.args) == 1
        and not call.keywords
    ):
        raise _Global("a loop over something other than registry.of(...)")
    kind = call.args[0]
    probe: ast.expr = kind
    while isinstance(probe, ast.Attribute):
        probe = probe.value
    if not isinstance(probe, ast.Name):
        raise _Global("a computed kind")
    if statement.body[0].lineno <= (call.end_lineno or call.lineno):
        raise _Global("loop body on the loop's line")
    return kind


class _Reader:
    """Walks code that runs once per record and refuses anything that could carry state between records."""

    def __init__(self, namespace: dict[str, Any], local_names: frozenset[str], vetted: set[int] | None = None) -> None:
        self.namespace = namespace
        self.locals = local_names
        self.vetted = vetted if vetted is not None else set()
        self.own = str(namespace.get("__name__", ""))  # helpers of this module are read like those of the checks

    # --- statements: `assigned` holds the names surely assigned at this point -------------------------

    def block(
        self, statements: list[ast.stmt], assigned: frozenset[str], driver: bool = False
    ) -> frozenset[str] | None:
        """Names surely assigned after the block, None if it never finishes normally."""
        current: frozenset[str] | None = assigned
        for statement in statements:
            if current is None:
                return None  # unreachable code after continue/raise: nothing to check
            current = self.statement(statement, current, driver)
        return current

    def statement(self, node: ast.stmt, assigned: frozenset[str], driver: bool) -> frozenset[str] | None:
        if isinstance(node, ast.Expr):
            value = node.value
            if isinstance(value, ast.Yield | ast.YieldFrom):
                if value.value is not None:
                    self.expression(value.value, assigned)
            else:
                self.expression(value, assigned)
            return assigned
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            return self.assignment(node, assigned)
        if isinstance(node, ast.If):
            self.expression(node.test, assigned)
            return _meet(self.block(node.body, assigned, driver), self.block(node.orelse, assigned, driver))
        if isinstance(node, ast.For):
            self.expression(node.iter, assigned)
            self.block(node.body, assigned | _targets(node.target))
            self.block(node.orelse, assigned)
            return assigned
        if isinstance(node, ast.While):
            self.expression(node.test, assigned)
            self.block(node.body, assigned)
            self.block(node.orelse, assigned)
            return assigned
        return self.other_statement(node, assigned, driver)

    def other_statement(self, node: ast.stmt, assigned: frozenset[str], driver: bool) -> frozenset[str] | None:
        if isinstance(node, ast.With):
            for item in node.items:
                self.expression(item.context_expr, assigned)
                if item.optional_vars is not None:
                    assigned |= self.store(item.optional_vars, assigned)
            return self.block(node.body, assigned, driver)
        if isinstance(node, ast.Try):
            return self.try_statement(node, assigned, driver)
        if isinstance(node, ast.Raise):
            for part in (node.exc, node.cause):
                if part is not None:
                    self.expression(part, assigned)
            return None
        if isinstance(node, ast.Assert):
            self.expression(node.test, assigned)
            if node.msg is not None:
                self.expression(node.msg, assigned)
            return assigned
        if isinstance(node, ast.Delete):
            for target in node.targets:
                self.expression(target, assigned)
            return assigned - {target.id for target in node.targets if isinstance(target, ast.Name)}
        if isinstance(node, ast.Pass):
            return assigned
        if isinstance(node, ast.Continue):
            return None
        if isinstance(node, ast.Break) and not driver:
            return None
        raise _Global(f"{type(node).__name__} in a loop body")

    def try_statement(self, node: ast.Try, assigned: frozenset[str], driver: bool) -> frozenset[str] | None:
        body = self.block(node.body, assigned, driver)
        ends = [self.block(node.orelse, body, driver) if body is not None else None]
        for handler in node.handlers:
            if handler.type is not None:
                self.expression(handler.type, assigned)
            name = frozenset({handler.name} if handler.name else ())
            end = self.block(handler.body, assigned | name, driver)
            ends.append(end - name if end is not None else None)
        final = self.block(node.finalbody, assigned, driver)
        reached = [end for end in ends if end is not None]
        if not reached or final is None:
            return None
        return frozenset.intersection(*reached) | (final - assigned)

    def assignment(self, node: ast.Assign | ast.AnnAssign | ast.AugAssign, assigned: frozenset[str]) -> frozenset[str]:
        if isinstance(node, ast.AugAssign):
            self.expression(node.value, assigned)
            if isinstance(node.target, ast.Name):
                self.name(node.target.id, assigned)
            else:
                self.expression(node.target, assigned)
            return assigned
        if node.value is None:  # a bare annotation assigns nothing
            return assigned
        self.expression(node.value, assigned)
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            assigned |= self.store(target, assigned)
        return assigned

    def store(self, target: ast.expr, assigned: frozenset[str]) -> frozenset[str]:
        """The names a target assigns; a subscript or attribute target only reads its container."""
        if isinstance(target, ast.Name):
            return frozenset({target.id})
        if isinstance(target, ast.Starred):
            return self.store(target.value, assigned)
        if isinstance(target, ast.Tuple | ast.List):
            names: frozenset[str] = frozenset()
            for element in target.elts:
                names |= self.store(element, assigned)
            return names
        if isinstance(target, ast.Subscript | ast.Attribute):
            container = target.value
            if isinstance(container, ast.Name) and container.id not in self.locals:
                raise _Global(f"writes into module-level {container.id}")
            self.expression(target, assigned)
            return frozenset()
        raise _Global("an unusual assignment target")

    # --- expressions ----------------------------------------------------------------------------------

    def expression(self, node: ast.expr, assigned: frozenset[str]) -> None:
        for child, parent in walk(node):
            if isinstance(child, ast.Yield | ast.YieldFrom | ast.Await):
                raise _Global("a yield inside an expression")
            if isinstance(child, ast.NamedExpr):
                raise _Global("an assignment expression")
            if isinstance(child, ast.Lambda | ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
                self.scoped(child, assigned)
                continue
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load):
                self.name(child.id, assigned, parent, child)

    def scoped(self, node: ast.expr, assigned: frozenset[str]) -> None:
        """A lambda or comprehension: its own names are assigned inside it."""
        own: set[str] = set()
        if isinstance(node, ast.Lambda):
            own.update(argument.arg for argument in ast.walk(node.args) if isinstance(argument, ast.arg))
            parts: list[ast.expr] = [node.body, *node.args.defaults]
        elif isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            for generator in node.generators:
                own |= self.store(generator.target, assigned)
            parts = [generator.iter for generator in node.generators]
            parts += [test for generator in node.generators for test in generator.ifs]
            parts += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        else:
            raise _Global("an unknown scope")
        for part in parts:
            self.expression(part, assigned | own)

    def name(
        self, name: str, assigned: frozenset[str], parent: ast.AST | None = None, node: ast.AST | None = None
    ) -> None:
        if name in assigned:
            return
        if name in self.locals:
            raise _Global(f"{name} may hold a value from an earlier record")
        if name in self.namespace:
            self.vet(name, self.namespace[name], parent, node)
        elif not hasattr(builtins, name):
            raise _Global(f"unknown name {name}")
        elif name in FORBIDDEN_BUILTINS:
            raise _Global(f"calls {name}")

    # --- module-level values --------------------------------------------------------------------------

    def vet(self, name: str, value: Any, parent: ast.AST | None, node: ast.AST | None) -> None:
        if isinstance(value, types.ModuleType) or immutable(value):
            return
        if isinstance(value, type):
            self.vet_class(value)
        elif isinstance(value, types.FunctionType | functools._lru_cache_wrapper):
            self.vet_function(value)
        elif isinstance(value, types.BuiltinFunctionType | types.MethodWrapperType | types.WrapperDescriptorType):
            return
        elif isinstance(value, dict | list | set):
            if not deeply_immutable_contents(value) or not read_only(parent, node):
                raise _Global(f"module-level {name} may change")
        else:
            raise _Global(f"module-level {name} is of an unknown kind")

    def vet_function(self, function: Any) -> None:
        wrapped = getattr(function, "__wrapped__", function)
        if id(wrapped) in self.vetted or not self.ours(str(getattr(wrapped, "__module__", ""))):
            return  # vetted already, or library code (models, the standard library): trusted
        self.vetted.add(id(wrapped))
        if not isinstance(wrapped, types.FunctionType) or wrapped.__code__.co_freevars:
            raise _Global(f"helper {getattr(wrapped, '__name__', '?')} is a closure")
        defaults = (*(wrapped.__defaults__ or ()), *(wrapped.__kwdefaults__ or {}).values())
        if not all(immutable(value) for value in defaults):
            raise _Global(f"helper {wrapped.__name__} has a mutable default")
        helper = _Reader(wrapped.__globals__, frozenset(wrapped.__code__.co_varnames), self.vetted)
        helper.function_body(_parse(wrapped))

    def ours(self, module: str) -> bool:
        return module == self.own or module.startswith(_CHECKS_PACKAGE)

    def function_body(self, node: ast.FunctionDef) -> None:
        """A helper runs afresh on each call: its locals cannot carry state, its module-level names can."""
        for child, parent in walk(node, into_scopes=True):
            if isinstance(child, ast.Global | ast.Nonlocal | ast.ClassDef):
                raise _Global(f"{type(child).__name__} in a helper")
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and child is not node:
                raise _Global("a function inside a helper")
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load) and child.id not in self.locals:
                if child.id in self.namespace:
                    self.vet(child.id, self.namespace[child.id], parent, child)
                elif child.id in FORBIDDEN_BUILTINS:
                    raise _Global(f"calls {child.id}")
            if isinstance(child, ast.Subscript | ast.Attribute) and isinstance(child.ctx, ast.Store | ast.Del):
                container = child.value
                if isinstance(container, ast.Name) and container.id not in self.locals:
                    raise _Global(f"writes into module-level {container.id}")

    def vet_class(self, cls: type) -> None:
        if id(cls) in self.vetted or not self.ours(cls.__module__):
            return
        self.vetted.add(id(cls))
        for name, member in vars(cls).items():
            if name.startswith("__") and name.endswith("__"):
                continue
            member = member.fget if isinstance(member, property) else member
            member = member.__func__ if isinstance(member, staticmethod | classmethod) else member
            if isinstance(member, types.FunctionType | functools._lru_cache_wrapper):
                self.vet_function(member)
            elif not immutable(member) and not isinstance(member, type):
                raise _Global(f"class {cls.__name__} holds mutable {name}")


def _meet(left: frozenset[str] | None, right: frozenset[str] | None) -> frozenset[str] | None:
    if left is None:
        return right
    if right is None:
        return left
    return left & right


def _targets(target: ast.expr) -> frozenset[str]:
    return frozenset(node.id for node in ast.walk(target) if isinstance(node, ast.Name))
