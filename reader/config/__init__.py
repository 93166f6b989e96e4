"""Settings and where hamish keeps its files.  Plain Python: no Textual here."""

from reader.config.paths import config_path, display_path, user_themes_dir
from reader.config.settings import Settings, load_settings, save_settings, settings_problems

__all__ = [
    "Settings",
    "config_path",
    "display_path",
    "load_settings",
    "save_settings",
    "settings_problems",
    "user_themes_dir",
]
