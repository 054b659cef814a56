#pragma once

#include "domain/user.h"

#include <QDialog>
#include <QList>
#include <QUrl>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace tandem {

class AccountPage;
class AccountService;
class Appearance;
class AppearancePage;
class AssistantPage;
class BackgroundRunner;
class DevicesPage;
class GeneralPage;
class NotificationsPage;
class SettingsPage;
class SyncPage;

// Tandem's preferences: a list of pages on the left, the page on the right.
// General (tray, where the data lives), Appearance (System / Light / Dark,
// live), Notifications (reminders), Assistant (the optional AI model and the
// keychain), Sync & devices (network access, port, origins, pairing) and
// Account (username, password, invites). OK checks every page first: invalid
// input on any page shows that page, says what to fix and saves nothing.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    // `serverUrl`: where the sync server listens now (empty when it is off);
    // `appearance` previews and applies the theme (nullptr: only saved);
    // `dataLocation`: where the tasks are, for people.
    SettingsDialog(AccountService &accounts, BackgroundRunner &runner, const User &owner, const QString &serverStatus,
                   const QUrl &serverUrl = {}, QWidget *parent = nullptr, Appearance *appearance = nullptr,
                   const QString &dataLocation = {});
    ~SettingsDialog() override;
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // The keychain entry of the AI model's API key; "Tandem" / "llm-api-key"
    // unless changed (tests use their own).
    void setLlmKeychainEntry(const QString &service, const QString &key);

    GeneralPage *generalPage() const { return m_general; }
    AppearancePage *appearancePage() const { return m_appearance; }
    NotificationsPage *notificationsPage() const { return m_notifications; }
    AssistantPage *assistantPage() const { return m_assistant; }
    SyncPage *syncPage() const { return m_sync; }
    AccountPage *accountPage() const { return m_account; }
    DevicesPage *devicesPage() const;
    QList<SettingsPage *> pages() const { return m_pages; }
    QListWidget *pageList() const { return m_list; }
    // Shows `page` (one of pages()).
    void showPage(SettingsPage *page);
    SettingsPage *currentPage() const;
    // The error shown under the pages (empty when none).
    QString errorText() const;

    // Validates every page and saves; stays open with an explanation when
    // something is wrong. A new API key is stored in the keychain first, so
    // the dialog may close a moment later (or stay open if it cannot be kept).
    void accept() override;
    void reject() override;

Q_SIGNALS:
    // server/lan, server/port or server/allowedOrigins were saved with new values.
    void serverSettingsChanged();
    // assistant/enabled, assistant/endpoint or assistant/model were saved with
    // new values, the API key in the keychain was saved or removed, or the
    // keychain may be used again: the assistant reloads its engine.
    void assistantSettingsChanged();

private:
    void addPage(SettingsPage *page, const QString &icon);
    void showError(const QString &message);
    void commit();

    QList<SettingsPage *> m_pages;
    GeneralPage *m_general = nullptr;
    AppearancePage *m_appearance = nullptr;
    NotificationsPage *m_notifications = nullptr;
    AssistantPage *m_assistant = nullptr;
    SyncPage *m_sync = nullptr;
    AccountPage *m_account = nullptr;
    QListWidget *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    QPushButton *m_ok = nullptr;
    QLabel *m_error = nullptr;
    bool m_saving = false;
};

} // namespace tandem
