#include "user.h"

#include "task.h"

namespace tandem {

namespace {

bool isUsernameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_'
        || c == u'-';
}

} // namespace

Result<void> validateUsername(const QString &username)
{
    if (username.size() < UserLimits::MinUsername || username.size() > UserLimits::MaxUsername)
        return Error::validation(QStringLiteral("username"),
                                 QStringLiteral("must be %1 to %2 characters long")
                                     .arg(UserLimits::MinUsername)
                                     .arg(UserLimits::MaxUsername));
    for (const QChar c : username) {
        if (!isUsernameChar(c))
            return Error::validation(QStringLiteral("username"),
                                     QStringLiteral("may contain only letters A-Z, digits and . _ -"));
    }
    return {};
}

Result<QString> validDeviceName(const QString &name)
{
    const QString trimmed = name.trimmed();
    const qsizetype length = codePointCount(trimmed);
    if (length < 1 || length > DeviceLimits::MaxName)
        return Error::validation(QStringLiteral("deviceName"),
                                 QStringLiteral("must be 1 to %1 characters long").arg(DeviceLimits::MaxName));
    for (const QChar c : trimmed) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return Error::validation(QStringLiteral("deviceName"),
                                     QStringLiteral("must not contain control characters"));
    }
    return trimmed;
}

QString usernameFromSystemAccount(const QString &accountName)
{
    QString name;
    name.reserve(accountName.size());
    for (const QChar c : accountName.trimmed())
        name += isUsernameChar(c) ? c : u'_';
    name.truncate(UserLimits::MaxUsername);
    if (name.isEmpty())
        name = QStringLiteral("owner");
    while (name.size() < UserLimits::MinUsername)
        name += u'_';
    return name;
}

} // namespace tandem
