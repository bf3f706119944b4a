// The signed consent form as Consent.sourceAttachment, both ways.
//
// Forward: contentType, title, and when the bytes are loaded: size, hash
// (base64 SHA-1, as FHIR defines Attachment.hash), our SHA-256 extension (hex)
// and, up to ctx.inline_document_max_bytes, the bytes themselves (data).
// Bytes not loaded: no size/hash/data, a warning at `document`; a SHA-256
// the clinic gave still travels in the extension. A given SHA-256 that does
// not match the bytes is an error at `document.sha256`.
//
// Reverse: the document's fields; bytes from `data` when present, checked
// against hash and SHA-256 (a mismatch or bad base64 is an error at `path`).
// The record's file path does not travel (it is local to the clinic).
#ifndef ALLIANCE_MAPPINGS_CONSENT_CONSENT_DOCUMENT_H_
#define ALLIANCE_MAPPINGS_CONSENT_CONSENT_DOCUMENT_H_

#include <string>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "mappings/context.h"
#include "mappings/records/record.h"

namespace mappings {

fhir::Json DocumentAttachment(const ConsentDocument& doc,
                              const MappingContext& ctx, fhir::Issues* issues);

// `attachment` is a Consent.sourceAttachment at element path `path`.
ConsentDocument DocumentFromAttachment(const fhir::Json& attachment,
                                       const std::string& path,
                                       fhir::Issues* issues);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_CONSENT_CONSENT_DOCUMENT_H_
