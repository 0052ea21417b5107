from qingdan.cli import main

if __name__ == "__main__":  # not when a process spawned by `serve` imports this module as its parent's main
    main()
