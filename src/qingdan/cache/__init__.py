"""The run cache of `validate`: what a run leaves for the next (`state`, `entries`), the registry rebuilt from it
(`partial`), what changed since (`changes`), what each check read (`tracing`, `hooks`), and the signed store it
is all kept in (`store`). `qingdan.validation` drives it."""
