"""Qt's own buttons and dialogs speak German (issue 14 item 6): qtbase_de is loaded."""

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from kitadesk.ui.app import setup_application


def test_qt_standard_buttons_are_german(qapp):
    setup_application(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No
                           | QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ok)
    texts = {box.button(b).text().replace("&", "") for b in (QDialogButtonBox.StandardButton.Yes,
                                                              QDialogButtonBox.StandardButton.No,
                                                              QDialogButtonBox.StandardButton.Cancel,
                                                              QDialogButtonBox.StandardButton.Ok)}
    assert texts == {"Ja", "Nein", "Abbrechen", "OK"}
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"


def test_question_box_shows_ja_nein(qtbot, qapp):
    setup_application(qapp)
    seen = []

    def look():
        box = qapp.activeModalWidget()
        seen.extend(b.text().replace("&", "") for b in box.buttons())
        box.reject()

    QTimer.singleShot(0, look)
    QMessageBox.question(None, "Frage", "Änderungen verwerfen?")
    assert sorted(seen) == ["Ja", "Nein"]
