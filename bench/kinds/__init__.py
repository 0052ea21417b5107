"""One module per record kind (or group of kinds) of the generated registry, each with its `*_files(world)`."""
