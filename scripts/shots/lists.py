"""Start page and the three record lists, as the SRT Ost case worker sees them."""


def shots(env):
    window = env.window
    window.show_page("start")
    env.wait(timeout=1.0)
    yield "start.png", window
    for key in ("tagespflegepersonen", "kinder", "betreuungen"):
        window.show_page(key)
        env.wait(timeout=1.0)
        yield f"{key}.png", window
