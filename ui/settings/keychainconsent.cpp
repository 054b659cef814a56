#include "keychainconsent.h"

#include "domain/settingsschema.h"

#include "assistant/llmsettings.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTimer>

namespace tandem::keychainconsent {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("KeychainConsent", text);
}
} // namespace

void ask(QWidget *parent, QObject *context, std::function<void(bool granted)> done)
{
    if (assistant::keychainConsent(AppSettings()) == assistant::KeychainConsent::Granted) {
        QTimer::singleShot(0, context, [done] { done(true); });
        return;
    }
    auto *box = new QMessageBox(
        QMessageBox::Information, tr("Use the system keychain?"),
        tr("Tandem keeps the AI model's API key in your system's keychain (such as GNOME Keyring, KWallet, the "
           "macOS Keychain or the Windows Credential Manager), never in its settings file."),
        QMessageBox::NoButton, parent);
    box->setObjectName(QString::fromLatin1(boxName));
    box->setInformativeText(tr("Your system may now ask you to unlock the keychain or to allow Tandem. If you "
                               "would rather not, Tandem uses the AI model without a key (enough for a local "
                               "model) and will not ask again; Settings ▸ Assistant can ask later."));
    QPushButton *allow = box->addButton(tr("Use the Keychain"), QMessageBox::AcceptRole);
    box->addButton(tr("Don't Use the Keychain"), QMessageBox::RejectRole);
    box->setDefaultButton(allow);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, context, [box, allow, done](int) {
        // Closed without an answer: nothing to remember, ask again next time.
        const bool answered = box->clickedButton() != nullptr;
        const bool granted = box->clickedButton() == allow;
        if (answered) {
            AppSettings settings;
            assistant::recordKeychainConsent(settings, granted);
        }
        done(granted);
    });
    box->open();
}

} // namespace tandem::keychainconsent
