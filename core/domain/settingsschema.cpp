#include "settingsschema.h"

#include <QDir>

namespace tandem {

AppSettings::AppSettings()
    : m_own(std::in_place)
    , m_settings(&*m_own)
{ }

AppSettings::AppSettings(QSettings &backing)
    : m_settings(&backing)
{ }

QString AppSettings::fileName() const
{
    return QDir::toNativeSeparators(m_settings->fileName());
}

// INI files store everything as text ("true", "8080"), native stores keep
// types; both read back through the same checks.
template<> std::optional<bool> AppSettings::read(const SettingKey<bool> &key) const
{
    const QVariant value = raw(key.name);
    if (!value.isValid())
        return std::nullopt;
    if (value.typeId() == QMetaType::Bool)
        return value.toBool();
    const QString text = value.toString().trimmed().toLower();
    if (text == u"true" || text == u"1")
        return true;
    if (text == u"false" || text == u"0")
        return false;
    return std::nullopt;
}

template<> std::optional<int> AppSettings::read(const SettingKey<int> &key) const
{
    const QVariant value = raw(key.name);
    if (!value.isValid())
        return std::nullopt;
    bool ok = false;
    const int number = value.toString().trimmed().toInt(&ok);
    return ok ? std::optional<int>(number) : std::nullopt;
}

template<> std::optional<QString> AppSettings::read(const SettingKey<QString> &key) const
{
    const QVariant value = raw(key.name);
    if (!value.isValid() || !value.canConvert<QString>())
        return std::nullopt;
    return value.toString();
}

template<> std::optional<QStringList> AppSettings::read(const SettingKey<QStringList> &key) const
{
    const QVariant value = raw(key.name);
    if (!value.isValid())
        return std::nullopt;
    if (value.typeId() == QMetaType::QString) // one entry, as INI stores a single-item list
        return value.toString().isEmpty() ? QStringList() : QStringList{value.toString()};
    if (!value.canConvert<QStringList>())
        return std::nullopt;
    return value.toStringList();
}

template<> std::optional<QByteArray> AppSettings::read(const SettingKey<QByteArray> &key) const
{
    const QVariant value = raw(key.name);
    if (!value.isValid() || !value.canConvert<QByteArray>())
        return std::nullopt;
    return value.toByteArray();
}

} // namespace tandem
