#pragma once

// libpq, the PostgreSQL client library, loaded when a PostgreSQL store is first opened rather
// than when apicat starts. Linked in, libpq and the two dozen libraries it brings (Kerberos,
// LDAP, SASL, GnuTLS...) cost every apicat process about 10 ms of loading before main, a
// SQLite user's commands and shell completion included (docs/store.md says more).
// Only the store's .cpp files include this header, as they alone see <libpq-fe.h>.

#include <libpq-fe.h>

namespace apicat::store {

// The libpq functions apicat calls, each named as libpq names it.
#define APICAT_LIBPQ_FUNCTIONS(X)                                                                  \
    X(PQclear)                                                                                     \
    X(PQcmdTuples)                                                                                 \
    X(PQconninfoFree)                                                                              \
    X(PQconninfoParse)                                                                             \
    X(PQconnectdbParams)                                                                           \
    X(PQconsumeInput)                                                                              \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQexecParams)                                                                                \
    X(PQfinish)                                                                                    \
    X(PQfreemem)                                                                                   \
    X(PQgetisnull)                                                                                 \
    X(PQgetlength)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQnotifies)                                                                                  \
    X(PQntuples)                                                                                   \
    X(PQresultErrorField)                                                                          \
    X(PQresultStatus)                                                                              \
    X(PQsetNoticeProcessor)                                                                        \
    X(PQstatus)                                                                                    \
    X(PQtransactionStatus)

struct Libpq {
#define APICAT_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
    APICAT_LIBPQ_FUNCTIONS(APICAT_LIBPQ_MEMBER)
#undef APICAT_LIBPQ_MEMBER
};

// libpq.so.5, loaded by the first call (from any thread) and kept for the process's life.
// Throws Error, saying which package holds it, when it cannot be loaded.
const Libpq& libpq();

} // namespace apicat::store
