import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen worker process (ui/process_tasks.py) runs its task here
    from kitadesk.cli import main

    raise SystemExit(main())
