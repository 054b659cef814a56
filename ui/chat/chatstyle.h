#pragma once

#include "common/themecolors.h"

#include <QColor>
#include <QFont>
#include <QPalette>

#include <cmath>

// Colours of the chat views, derived from the palette so light and dark
// themes both read well.
namespace tandem::chatstyle {

inline QColor blend(const QColor &a, const QColor &b, qreal amountOfB)
{
    const qreal t = qBound(0.0, amountOfB, 1.0);
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

inline bool isDark(const QColor &color)
{
    return color.lightnessF() < 0.5;
}

// The assistant's bubbles: a step from the list's background towards its text.
inline QColor assistantBubble(const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Text),
                 isDark(palette.color(QPalette::Base)) ? 0.14 : 0.07);
}

// The user's bubbles use the selection colours, like most chat apps' accent.
inline QColor userBubble(const QPalette &palette)
{
    return palette.color(QPalette::Highlight);
}

inline QColor userText(const QPalette &palette)
{
    return palette.color(QPalette::HighlightedText);
}

// The link colour, lifted or darkened until it reads on `background`
// (many dark palettes keep Qt's default dark blue).
inline QColor linkOn(const QPalette &palette, const QColor &background)
{
    QColor link = palette.color(QPalette::Link);
    const bool darkBackground = isDark(background);
    for (int step = 0; step < 4 && std::abs(link.lightnessF() - background.lightnessF()) < 0.45; ++step)
        link = darkBackground ? blend(link, Qt::white, 0.35) : blend(link, Qt::black, 0.35);
    return link;
}

// `base` scaled by `factor` (chips, times, captions); a pixel-sized font stays as it is.
inline QFont scaledFont(const QFont &base, qreal factor)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    return font;
}

inline QColor errorColor(const QPalette &palette)
{
    return themecolors::danger(palette);
}

} // namespace tandem::chatstyle
