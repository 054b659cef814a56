#pragma once

#include <QColor>
#include <QPalette>

// Colours that carry a meaning (an error, a warning), picked for the palette
// in use so they read on light and dark themes alike. Every widget that shows
// such a colour asks here, with its own palette, when it paints.
namespace tandem::themecolors {

inline bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

// Errors, overdue dates, urgent priority.
inline QColor danger(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
}

// High priority, cautions.
inline QColor warning(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb0, 0x56, 0x00);
}

} // namespace tandem::themecolors
