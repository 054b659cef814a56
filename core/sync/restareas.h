#pragma once

// The handlers of each REST area, one file per area (private to core/sync).
// restapi.cpp routes to them; restapi.h says how to add an area.

#include "restsupport.h"

namespace tandem {
struct AuthToken;
}

namespace tandem::sync::rest {

// restauth.cpp: accounts, sign-in and invites under /api/auth.
namespace auth {
Result<Pending> registerUser(const RestCall &call, Responder respond); // hashes on AuthService's pool
Result<Pending> login(const RestCall &call, Responder respond); // hashes on AuthService's pool
Result<HttpResponse> me(const RestCall &call);
Result<HttpResponse> logout(const RestCall &call);
Result<HttpResponse> invite(const RestCall &call);
// {token, expiresAt, user}: what signing in answers.
QJsonObject tokenJson(const AuthToken &token);
} // namespace auth

// restdevices.cpp: pairing a device with a one-time code, and the paired devices.
namespace devices {
Result<HttpResponse> pair(const RestCall &call); // POST /api/auth/pair, open
Result<HttpResponse> pairingCode(const RestCall &call);
Result<HttpResponse> list(const RestCall &call);
Result<HttpResponse> revoke(const RestCall &call);
} // namespace devices

// resttasks.cpp: /api/tasks.
namespace tasks {
Result<HttpResponse> list(const RestCall &call);
Result<HttpResponse> create(const RestCall &call);
Result<HttpResponse> quickAdd(const RestCall &call);
Result<HttpResponse> listCounts(const RestCall &call);
Result<HttpResponse> get(const RestCall &call);
Result<HttpResponse> update(const RestCall &call);
Result<HttpResponse> remove(const RestCall &call);
Result<HttpResponse> restore(const RestCall &call);
} // namespace tasks

// restchat.cpp: /api/chat/sessions and their messages.
namespace chat {
Result<HttpResponse> sessions(const RestCall &call);
Result<HttpResponse> createSession(const RestCall &call);
Result<HttpResponse> session(const RestCall &call);
Result<HttpResponse> updateSession(const RestCall &call);
Result<HttpResponse> deleteSession(const RestCall &call);
Result<HttpResponse> messages(const RestCall &call);
Result<Pending> postMessage(const RestCall &call, Responder respond); // the assistant answers on its worker
} // namespace chat

// reststatic.cpp: what the server says without a user.
namespace web {
Result<HttpResponse> health(const RestCall &call); // GET /api/health
// Any path no route claims: the web page's file (GET or HEAD), else 404.
Result<HttpResponse> file(const RestCall &call);
} // namespace web

} // namespace tandem::sync::rest
