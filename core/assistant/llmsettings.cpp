#include "llmsettings.h"

#include "domain/settingsschema.h"

#include <QLoggingCategory>
#include <QSettings>

#include <qt6keychain/keychain.h>

namespace tandem::assistant {

namespace {

const QString enabledKey = Settings::assistantEnabled.key();
const QString endpointKey = Settings::assistantEndpoint.key();
const QString modelKey = Settings::assistantModel.key();
const QString timeoutKey = Settings::assistantTimeoutSeconds.key();
const QString defaultService = QStringLiteral("Tandem");
const QString defaultEntry = QStringLiteral("llm-api-key");
constexpr int minTimeoutSeconds = 1;
constexpr int maxTimeoutSeconds = 600;

// What went wrong with the keychain, for the user. QtKeychain's own text says
// which backend failed; it never holds the secret.
Error keychainError(QKeychain::Error code, const QString &detail, const QString &doing)
{
    QString message;
    switch (code) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        message = QStringLiteral("The OS keychain refused access, so the AI model's API key cannot be %1.").arg(doing);
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        message = QStringLiteral("There is no OS keychain here, so the AI model's API key cannot be %1. Tandem keeps "
                                 "it nowhere else: start a keychain (such as GNOME Keyring or KWallet), or use an "
                                 "endpoint that needs no key.")
                      .arg(doing);
        break;
    default:
        message = QStringLiteral("The OS keychain failed (%1), so the AI model's API key cannot be %2. Tandem keeps "
                                 "it nowhere else.")
                      .arg(detail.simplified().left(200), doing);
        break;
    }
    return Error::storage(message);
}

} // namespace

Result<QUrl> LlmSettings::parseEndpoint(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty() || !url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
        || url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasFragment())
        return Error::validation(
            endpointKey, QStringLiteral("must be an http:// or https:// address, like http://localhost:11434/v1"));
    // The address is kept in the plain settings file: a key in its query
    // (?api-key=...) would land on disk. Keys go in the API key field.
    if (url.hasQuery())
        return Error::validation(endpointKey,
                                 QStringLiteral("must be an http:// or https:// address without a query (?...), like "
                                                "http://localhost:11434/v1; put an API key in the API key field"));
    return url;
}

Result<void> LlmSettings::validate() const
{
    if (!endpoint.isEmpty()) {
        if (auto parsed = parseEndpoint(endpoint.toString()); !parsed)
            return parsed.error();
    } else if (enabled) {
        return Error::validation(endpointKey, QStringLiteral("is needed to use an AI model"));
    }
    if (enabled && model.trimmed().isEmpty())
        return Error::validation(modelKey, QStringLiteral("is needed to use an AI model (for example llama3.1)"));
    if (timeoutSeconds < minTimeoutSeconds || timeoutSeconds > maxTimeoutSeconds)
        return Error::validation(
            timeoutKey,
            QStringLiteral("must be between %1 and %2 seconds").arg(minTimeoutSeconds).arg(maxTimeoutSeconds));
    return {};
}

Result<LlmSettings> LlmSettings::load(const QSettings &settings)
{
    LlmSettings loaded;
    loaded.enabled = settings.value(enabledKey, false).toBool();
    const QString endpoint = settings.value(endpointKey).toString().trimmed();
    if (!endpoint.isEmpty()) {
        auto parsed = parseEndpoint(endpoint);
        if (!parsed)
            return parsed.error();
        loaded.endpoint = parsed.value();
    }
    loaded.model = settings.value(modelKey).toString().trimmed();
    if (settings.contains(timeoutKey)) {
        bool ok = false;
        loaded.timeoutSeconds = settings.value(timeoutKey).toInt(&ok);
        if (!ok)
            loaded.timeoutSeconds = 0; // refused by validate()
    }
    if (auto valid = loaded.validate(); !valid)
        return valid.error();
    return loaded;
}

Result<void> LlmSettings::save(QSettings &settings) const
{
    if (auto valid = validate(); !valid)
        return valid;
    settings.setValue(enabledKey, enabled);
    settings.setValue(endpointKey, endpoint.toString());
    settings.setValue(modelKey, model.trimmed());
    if (timeoutSeconds == DefaultTimeoutSeconds)
        settings.remove(timeoutKey);
    else
        settings.setValue(timeoutKey, timeoutSeconds);
    return {};
}

LlmConfig LlmSettings::config(const QString &apiKey) const
{
    LlmConfig config;
    config.baseUrl = endpoint;
    config.model = model.trimmed();
    config.apiKey = apiKey;
    config.timeoutMs = timeoutSeconds * 1000;
    return config;
}

std::unique_ptr<LlmEngine> makeLlmEngineFromSettings(const QSettings &settings, const QString &apiKey, Error *error)
{
    auto loaded = LlmSettings::load(settings);
    if (!loaded) {
        if (error)
            *error = loaded.error();
        return nullptr;
    }
    if (!loaded->enabled)
        return nullptr;
    qCInfo(lcLlm).noquote() << "answering with the AI model" << loaded->model << "at"
                            << LlmEngine::hostLabel(loaded->endpoint)
                            << (apiKey.isEmpty() ? "(no API key)" : "(with an API key)");
    return std::make_unique<LlmEngine>(loaded->config(apiKey));
}

std::unique_ptr<LlmEngine> makeLlmEngineFromSettings(const QString &apiKey, Error *error)
{
    const QSettings settings;
    return makeLlmEngineFromSettings(settings, apiKey, error);
}

KeychainConsent keychainConsent(const AppSettings &settings)
{
    if (settings.value(Settings::keychainRefused))
        return KeychainConsent::Refused;
    return settings.value(Settings::keychainExplained) ? KeychainConsent::Granted : KeychainConsent::Unasked;
}

void recordKeychainConsent(AppSettings &settings, bool granted)
{
    settings.setValue(Settings::keychainExplained, true);
    settings.setValue(Settings::keychainRefused, !granted);
}

LlmKeyStore::LlmKeyStore(QObject *parent)
    : QObject(parent)
    , m_service(defaultService)
    , m_entry(defaultEntry)
{ }

LlmKeyStore::~LlmKeyStore() = default;

void LlmKeyStore::setKeychainEntry(const QString &service, const QString &key)
{
    m_service = service;
    m_entry = key;
}

bool LlmKeyStore::refusedByUser()
{
    if (keychainConsent(AppSettings()) != KeychainConsent::Refused)
        return false;
    QMetaObject::invokeMethod(
        this,
        [this] {
            Q_EMIT failed(Error::forbidden(
                QStringLiteral("You chose not to let Tandem use the OS keychain, so the AI model's API key is "
                               "not used. Settings ▸ Assistant can ask again.")));
        },
        Qt::QueuedConnection);
    return true;
}

// Each job is parentless and deletes itself when done, even if this store is
// gone by then; its answer reaches this store only while it exists.
void LlmKeyStore::load()
{
    if (refusedByUser())
        return;
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(m_entry);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(done);
        if (read->error() == QKeychain::NoError)
            Q_EMIT loaded(read->textData());
        else if (read->error() == QKeychain::EntryNotFound)
            Q_EMIT loaded(QString());
        else
            Q_EMIT failed(keychainError(read->error(), read->errorString(), QStringLiteral("read")));
    });
    job->start();
}

void LlmKeyStore::save(const QString &key)
{
    if (refusedByUser())
        return;
    if (key.trimmed().isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                Q_EMIT failed(
                    Error::validation(QStringLiteral("apiKey"),
                                      QStringLiteral("is empty; remove the key instead of saving an empty one")));
            },
            Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(m_entry);
    job->setTextData(key.trimmed());
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError) {
            qCInfo(lcLlm) << "saved the AI model's API key in the OS keychain";
            Q_EMIT saved();
        } else {
            Q_EMIT failed(keychainError(done->error(), done->errorString(), QStringLiteral("stored")));
        }
    });
    job->start();
}

void LlmKeyStore::remove()
{
    if (refusedByUser())
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(m_entry);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound)
            Q_EMIT removed();
        else
            Q_EMIT failed(keychainError(done->error(), done->errorString(), QStringLiteral("removed")));
    });
    job->start();
}

} // namespace tandem::assistant
