#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace tandem {

// One key of Tandem's settings file: its name and the value it has when the
// file says nothing (or says something of the wrong type).
template<typename T> struct SettingKey
{
    const char *name;
    T fallback;

    QString key() const { return QString::fromLatin1(name); }
};

// Every key Tandem keeps in its settings file (QSettings: the platform's
// usual place for organization "Tandem", application "Tandem"), in one place,
// each with its type and default. Nothing else names a settings key: readers
// and writers go through AppSettings, so a key's meaning cannot drift apart
// between two readers. Renaming a key here breaks existing users' settings:
// add a new key and migrate instead.
namespace Settings {
// Where the data lives (a postgres:// URL; empty: the SQLite file in the app-data folder).
inline const SettingKey<QString> databaseUrl{"database/url", {}};

// The embedded sync server (Settings ▸ Sync & devices).
inline const SettingKey<int> serverPort{"server/port", 8263};
inline const SettingKey<bool> serverLan{"server/lan", false};
inline const SettingKey<QStringList> serverAllowedOrigins{"server/allowedOrigins", {}};

// The optional language model (Settings ▸ Assistant); its key is in the OS keychain.
inline const SettingKey<bool> assistantEnabled{"assistant/enabled", false};
inline const SettingKey<QString> assistantEndpoint{"assistant/endpoint", {}};
inline const SettingKey<QString> assistantModel{"assistant/model", {}};
inline const SettingKey<int> assistantTimeoutSeconds{"assistant/timeoutSeconds", 30};

// The main window, as Tandem 0.1 kept its only one: read once, when windowSet is absent, then removed.
inline const SettingKey<QByteArray> windowGeometry{"window/geometry", {}};
inline const SettingKey<QByteArray> windowState{"window/state", {}};
inline const SettingKey<bool> windowShowCompleted{"window/showCompleted", false};
// Every window open at quit, with its geometry, dock layout, filter and where its chat was
// (ui/mainwindow/windowsession.h encodes it).
inline const SettingKey<QByteArray> windowSet{"windows/set", {}};
// View ▸ Group by Date: the list under Overdue / Today / Tomorrow / Later headers (the last choice, for new windows).
inline const SettingKey<bool> windowGroupByDate{"window/groupByDate", true};

// Appearance: "system", "light" or "dark".
inline const SettingKey<QString> appearanceTheme{"appearance/theme", QStringLiteral("system")};

// General: closing the last window keeps Tandem running in the tray (where there is one).
inline const SettingKey<bool> keepRunningInTray{"general/keepRunningInTray", true};

// Notifications: remind when a task comes due, and optionally this many minutes before.
inline const SettingKey<bool> remindersEnabled{"notifications/enabled", true};
inline const SettingKey<int> reminderLeadMinutes{"notifications/leadMinutes", 0};

// The OS keychain: explained once before its first prompt; a refusal is remembered.
inline const SettingKey<bool> keychainExplained{"keychain/explained", false};
inline const SettingKey<bool> keychainRefused{"keychain/refused", false};
} // namespace Settings

// Typed access to the settings file through the keys above.
class AppSettings final
{
public:
    // The user's settings file.
    AppSettings();
    // Another file (tests, tools); `backing` must outlive this object.
    explicit AppSettings(QSettings &backing);
    Q_DISABLE_COPY_MOVE(AppSettings)

    // The stored value, or the key's fallback when absent or of the wrong type.
    template<typename T> T value(const SettingKey<T> &key) const { return read(key).value_or(key.fallback); }
    // The stored value; nullopt when absent or not of the key's type.
    template<typename T> std::optional<T> read(const SettingKey<T> &key) const;
    template<typename T> void setValue(const SettingKey<T> &key, const T &value)
    {
        m_settings->setValue(key.key(), QVariant::fromValue(value));
    }
    template<typename T> bool contains(const SettingKey<T> &key) const { return m_settings->contains(key.key()); }
    template<typename T> void remove(const SettingKey<T> &key) { m_settings->remove(key.key()); }
    // The file, for messages that tell the user what to fix ("… in ~/.config/Tandem/Tandem.conf").
    QString fileName() const;
    void sync() { m_settings->sync(); }

private:
    QVariant raw(const char *name) const { return m_settings->value(QString::fromLatin1(name)); }

    std::optional<QSettings> m_own;
    QSettings *m_settings = nullptr;
};

template<> std::optional<bool> AppSettings::read(const SettingKey<bool> &key) const;
template<> std::optional<int> AppSettings::read(const SettingKey<int> &key) const;
template<> std::optional<QString> AppSettings::read(const SettingKey<QString> &key) const;
template<> std::optional<QStringList> AppSettings::read(const SettingKey<QStringList> &key) const;
template<> std::optional<QByteArray> AppSettings::read(const SettingKey<QByteArray> &key) const;

} // namespace tandem
