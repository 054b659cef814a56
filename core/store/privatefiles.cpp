#include "privatefiles.h"

#include "storelog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tandem {

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

#ifdef Q_OS_UNIX
// Takes every right away from the group and others and keeps the owner's as
// they are, so a folder or file the owner made read-only stays read-only (and
// is reported as such) instead of being made writable behind their back.
bool restrictToOwner(const QString &path)
{
    constexpr QFile::Permissions owner = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    constexpr QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    const QFile::Permissions now = QFileInfo(path).permissions();
    return !(now & others) || QFile::setPermissions(path, now & owner);
}
#endif

} // namespace

Result<void> ensurePrivateDirectory(const QString &directory)
{
    if (!QDir().mkpath(directory))
        return Error::storage(QStringLiteral("cannot create the data directory %1; choose another --data-dir or fix "
                                             "the permissions of its parent")
                                  .arg(native(directory)));
#ifdef Q_OS_UNIX
    // Not ours to change (another owner, a read-only mount): say so and go on;
    // whether Tandem can use the place is checked next, with a clear message.
    if (!restrictToOwner(directory))
        qCInfo(store::lcStore) << "cannot make the data directory" << native(directory)
                               << "private (mode 0700): fix its owner or its mode";
#endif
    return {};
}

Result<void> makeFilePrivate(const QString &path, bool withCompanions)
{
#ifdef Q_OS_UNIX
    QStringList paths{path};
    if (withCompanions)
        paths << path + QStringLiteral("-wal") << path + QStringLiteral("-shm") << path + QStringLiteral("-journal");
    for (const QString &file : std::as_const(paths)) {
        if (QFileInfo::exists(file) && !restrictToOwner(file))
            qCInfo(store::lcStore) << "cannot make" << native(file) << "private (mode 0600): fix its owner";
    }
#else
    Q_UNUSED(path)
    Q_UNUSED(withCompanions)
#endif
    return {};
}

} // namespace tandem
