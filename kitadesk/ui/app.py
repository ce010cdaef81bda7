"""Application start-up (minimal window until the main window lands)."""

import argparse

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from kitadesk import __version__


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kitadesk-ui")
    parser.add_argument("--db")
    args, qt_args = parser.parse_known_args(argv)
    app = QApplication(["kitadesk", *qt_args])
    window = QMainWindow()
    window.setWindowTitle(f"KitaDesk {__version__}")
    window.setCentralWidget(QLabel(f"Datenbank: {args.db or 'Standard'}"))
    window.resize(1200, 800)
    window.show()
    return app.exec()
