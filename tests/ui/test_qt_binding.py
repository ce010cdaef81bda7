"""The Qt binding itself: a PySide6 release that miscounts references to None would abort the
app after a long day ("Fatal Python error: none_dealloc"), as 6.12.0 does on Python 3.11 —
pyproject pins below it and this test fails if such a release gets in."""

import subprocess
import sys
import textwrap


def test_void_qt_calls_keep_the_reference_count_of_none():
    script = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel("x")
        before = sys.getrefcount(None)
        for _ in range(5000):
            label.clear()
            label.setText("Wiedervorlage")
        print(sys.getrefcount(None) - before)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]       # no abort at exit
    assert abs(int(out.stdout.split()[-1])) < 100        # calls do not eat references to None
