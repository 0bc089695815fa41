#pragma once

#include <QGuiApplication>

#include <memory>

/**
 * A QGuiApplication on the off-screen platform, for the modes that paint (PDF reports need fonts)
 * but show nothing: headless nodes and the export command. It needs no display, and starts without
 * Qt's notice about an unset XDG_RUNTIME_DIR (no window means no runtime files), which would
 * otherwise precede the one-line errors scripts read on stderr.
 */
std::unique_ptr<QGuiApplication> makeOffscreenApplication(int &argc, char **argv);
