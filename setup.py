"""Build hook: the bundled family (data/) and the icons (resources/) ship inside the package.

They live at the top of the repository, where the design puts them; a wheel carries them as
familytree/data and familytree/resources, where familytree.paths looks when there is no checkout.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        for folder in ("data", "resources"):
            for src in sorted((ROOT / folder).glob("*")):
                if src.is_file() and src.suffix != ".png":  # (README's screenshots stay out)
                    target = Path(self.build_lib) / "familytree" / folder / src.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    self.copy_file(str(src), str(target))


setup(cmdclass={"build_py": BuildWithData})
