#pragma once

#include <QtGlobal>

/** The bounds the HTTP API enforces on what clients send. */
struct ApiLimits
{
    qsizetype maxRecordBytes = 1024 * 1024; // body of a single-record POST, after gzip
    qsizetype maxBatchBytes = 16 * 1024 * 1024; // body of a batch POST, after gzip
    qsizetype maxHeaderBytes = 64 * 1024; // request line and headers
    int maxBatchRecords = 10'000;
    int idleTimeoutMs = 30'000; // a connection that sends nothing this long is closed
};
