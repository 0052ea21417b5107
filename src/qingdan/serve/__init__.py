"""`qingdan serve`: the working tree's site on this machine, validated again and reloaded on every save.

The parts, in the order a save goes through them:
- `watch`: watchfiles names the registry files a save changed;
- `worker`: one thread does all the work on the registry, in order (validation hooks the record models);
- `build`: validate through the run cache (only what the edit touched is checked again), refresh the
  registry kept in memory (`live`: only the changed files are read), build the publication, and keep every
  page whose content did not change (`pages`); the problems become the panel's (`problems`);
- `http` and `routes`: the pages from memory, with the panel and the reload script added (`inject`), the
  problems, the adjustment report against HEAD, and an event stream that tells open pages to reload.
`run.serve` puts them together and takes them down again.
"""

from qingdan.serve.build import Rebuilt, Snapshot
from qingdan.serve.http import is_loopback, site_path
from qingdan.serve.run import LOCALHOST, Building, Event, Fault, Listening, ServeOptions, serve

__all__ = [
    "LOCALHOST",
    "Building",
    "Event",
    "Fault",
    "Listening",
    "Rebuilt",
    "ServeOptions",
    "Snapshot",
    "is_loopback",
    "serve",
    "site_path",
]
