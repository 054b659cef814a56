#include "textorder.h"

#include <algorithm>

namespace tandem {

int compareCodePoints(QStringView a, QStringView b)
{
    // Surrogates (U+D800..U+DFFF) rank above the rest of the BMP, as the code points they encode do.
    const auto rank = [](char16_t u) -> int {
        if (u >= 0xE000)
            return u - 0x800;
        if (u >= 0xD800)
            return u + 0x2000;
        return u;
    };
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const int ra = rank(a.at(i).unicode());
        const int rb = rank(b.at(i).unicode());
        if (ra != rb)
            return ra < rb ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

} // namespace tandem
