#pragma once

class Settings;

/**
 * `vibestream-console export --report TYPE --format csv|pdf --out FILE [filters] [--database URL]`:
 * writes one report and exits, 0 when written, 1 with a one-line reason on stderr otherwise. It
 * needs no display (PDF fonts come from the off-screen platform).
 */
int runExport(int argc, char *argv[], const Settings &settings);
