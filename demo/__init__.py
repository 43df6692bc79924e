"""The top floor: a demo program built through the other apps' public services."""
