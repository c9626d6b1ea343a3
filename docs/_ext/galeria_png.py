"""mkdocs hook: every chart of the chart gallery also as a PNG file in the built site.

mkdocs-jupyter embeds a tutorial's charts in its page (``data:image/png;base64``).  After the build this
hook writes each chart of ``tutorials/galeria`` beside the page as ``grafica_NN.png`` (in the order of the
page), so a report can link to or download a chart; the page itself is left as it is.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

_IMAGEN = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')


def on_post_build(config, **kwargs) -> None:
    page = Path(config["site_dir"]) / "tutorials" / "galeria" / "index.html"
    if not page.is_file():
        return
    for k, data in enumerate(_IMAGEN.findall(page.read_text(encoding="utf-8")), start=1):
        (page.parent / f"grafica_{k:02d}.png").write_bytes(base64.b64decode("".join(data.split())))
