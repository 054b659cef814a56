#include "httprequest.h"

#include <QUrl>

namespace tandem::sync {

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (header.first == name)
            return true;
    }
    return false;
}

namespace {

HeadParse failed(int status, const char *code, const QString &message)
{
    HeadParse parse;
    parse.state = HeadParse::State::Failed;
    parse.status = status;
    parse.code = code;
    parse.message = message;
    return parse;
}

// RFC 9110 token characters, for methods and header names.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Visible ASCII, spaces and tabs, and obs-text (bytes >= 0x80) are allowed in values.
bool isValidValue(QByteArrayView value)
{
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

bool containsToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView part : list.toByteArray().split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HeadParse parseRequestHead(QByteArrayView buffer, const HttpLimits &limits)
{
    const qsizetype end = buffer.indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0) {
        if (buffer.size() >= limits.maxHeadBytes)
            return failed(431, "head_too_large",
                          QStringLiteral("the request head is larger than %1 bytes").arg(limits.maxHeadBytes));
        // A bare LF line end would never reach CRLFCRLF: refuse it early.
        if (buffer.contains("\n\n") || (buffer.size() > 0 && buffer.first(1) == "\n"))
            return failed(400, "bad_request", QStringLiteral("lines must end with CRLF"));
        return {};
    }
    const qsizetype headLength = end + 4;
    if (headLength > limits.maxHeadBytes)
        return failed(431, "head_too_large",
                      QStringLiteral("the request head is larger than %1 bytes").arg(limits.maxHeadBytes));

    HeadParse parse;
    parse.headLength = headLength;
    QByteArrayView head = buffer.first(end);

    // Request line: METHOD SP target SP HTTP/1.x
    qsizetype lineEnd = head.indexOf(QByteArrayView("\r\n"));
    const QByteArrayView requestLine = lineEnd < 0 ? head : head.first(lineEnd);
    if (requestLine.contains('\n') || requestLine.contains('\r'))
        return failed(400, "bad_request", QStringLiteral("lines must end with CRLF"));
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return failed(400, "bad_request", QStringLiteral("the request line is malformed"));
    const QByteArrayView method = requestLine.first(firstSpace);
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = requestLine.sliced(lastSpace + 1);
    if (!isToken(method))
        return failed(400, "bad_request", QStringLiteral("the method is malformed"));
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        if (version.startsWith("HTTP/"))
            return failed(505, "http_version_not_supported",
                          QStringLiteral("only HTTP/1.0 and HTTP/1.1 are supported"));
        return failed(400, "bad_request", QStringLiteral("the request line is malformed"));
    }
    if (target.isEmpty() || target.front() != '/' || target.contains(' ') || !isValidValue(target))
        return failed(400, "bad_request", QStringLiteral("the request target must be a path starting with /"));
    parse.request.method = method.toByteArray();
    parse.request.target = target.toByteArray();
    const qsizetype question = target.indexOf('?');
    const QByteArray rawPath = (question < 0 ? target : target.first(question)).toByteArray();
    parse.request.path = QUrl::fromPercentEncoding(rawPath);
    if (parse.request.path.contains(QChar(0)) || parse.request.path.contains(QChar::ReplacementCharacter))
        return failed(400, "bad_request", QStringLiteral("the path is not valid UTF-8"));
    if (question >= 0)
        parse.request.query = QUrlQuery(QString::fromUtf8(target.sliced(question + 1)));
    const bool http10 = version == "HTTP/1.0";
    parse.keepAlive = !http10;

    // Header fields.
    bool sawContentLength = false;
    bool sawHost = false;
    QByteArrayView rest = lineEnd < 0 ? QByteArrayView() : head.sliced(lineEnd + 2);
    while (!rest.isEmpty()) {
        lineEnd = rest.indexOf(QByteArrayView("\r\n"));
        const QByteArrayView line = lineEnd < 0 ? rest : rest.first(lineEnd);
        rest = lineEnd < 0 ? QByteArrayView() : rest.sliced(lineEnd + 2);
        if (line.contains('\n') || line.contains('\r'))
            return failed(400, "bad_request", QStringLiteral("lines must end with CRLF"));
        if (line.isEmpty() || line.front() == ' ' || line.front() == '\t')
            return failed(400, "bad_request", QStringLiteral("folded header lines are not allowed"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return failed(400, "bad_request", QStringLiteral("a header line is malformed"));
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (!isValidValue(value))
            return failed(400, "bad_request",
                          QStringLiteral("the %1 header holds control characters").arg(QString::fromLatin1(name)));
        if (parse.request.headers.size() >= limits.maxHeaders)
            return failed(431, "head_too_large",
                          QStringLiteral("the request has more than %1 headers").arg(limits.maxHeaders));
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (sawContentLength || !ok || length < 0 || !isToken(value) || value.contains('+') || value.contains('-'))
                return failed(400, "bad_request", QStringLiteral("Content-Length must be given once, as a number"));
            sawContentLength = true;
            parse.contentLength = length;
        } else if (name == "transfer-encoding") {
            return failed(411, "length_required", QStringLiteral("send the body with a Content-Length, not chunked"));
        } else if (name == "host") {
            if (sawHost)
                return failed(400, "bad_request", QStringLiteral("the Host header is given twice"));
            sawHost = true;
        } else if (name == "connection") {
            if (containsToken(value, "close"))
                parse.keepAlive = false;
            else if (http10 && containsToken(value, "keep-alive"))
                parse.keepAlive = true;
        }
        parse.request.headers.append({name, value.toByteArray()});
    }
    if (!sawHost && !http10)
        return failed(400, "bad_request", QStringLiteral("HTTP/1.1 requests need a Host header"));
    if (parse.contentLength > limits.maxBodyBytes)
        return failed(413, "body_too_large",
                      QStringLiteral("the body is larger than %1 bytes").arg(limits.maxBodyBytes));
    parse.websocketUpgrade = parse.request.method == "GET"
        && containsToken(parse.request.header("connection"), "upgrade")
        && parse.request.header("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
    if (parse.websocketUpgrade) {
        // RFC 6455 4.2.1: HTTP/1.1 or later, a key that is 16 bytes in base64, version 13.
        if (http10)
            return failed(400, "bad_request", QStringLiteral("a WebSocket upgrade needs HTTP/1.1"));
        const QByteArray key = parse.request.header("sec-websocket-key");
        const auto decoded = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
        if (key.size() != 24 || !decoded || decoded.decoded.size() != 16)
            return failed(400, "bad_request",
                          QStringLiteral("a WebSocket upgrade needs a Sec-WebSocket-Key of 16 bytes in base64"));
        if (parse.request.header("sec-websocket-version") != "13")
            return failed(400, "bad_request", QStringLiteral("a WebSocket upgrade needs Sec-WebSocket-Version: 13"));
    }
    parse.state = HeadParse::State::Complete;
    return parse;
}

} // namespace tandem::sync
