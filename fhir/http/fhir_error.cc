#include "fhir/http/fhir_error.h"

#include <cctype>

#include "fhir/http/redact.h"
#include "fhir/issues.h"

namespace fhir {
namespace {

constexpr std::size_t kMaxQuotedChars = 200;

// An IssueType code for a synthetic OperationOutcome.
const char* IssueCodeForHttpStatus(int s) {
  switch (s) {
    case 400:
      return "invalid";
    case 401:
      return "login";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 405:
      return "not-supported";
    case 408:
      return "timeout";
    case 409:
      return "conflict";
    case 410:
      return "deleted";
    case 412:
      return "conflict";
    case 413:
      return "too-costly";
    case 422:
      return "processing";
    case 429:
      return "throttled";
    case 501:
      return "not-supported";
    default:
      return s >= 500 ? "transient" : "exception";
  }
}

bool IsHtml(std::string_view content_type, std::string_view body) {
  if (content_type.find("html") != std::string_view::npos) return true;
  std::size_t i = 0;
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i])))
    ++i;
  return i < body.size() && body[i] == '<';
}

// Text of an HTML page: tags dropped, script/style ignored roughly.
std::string StripTags(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
      out.push_back(' ');
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      out.push_back(c);
    }
  }
  return out;
}

// Whitespace runs become one space; control characters are dropped.
std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isspace(u)) {
      space = !out.empty();
      continue;
    }
    if (u < 0x20 || u == 0x7f) continue;
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// At most `max` characters (UTF-8 code points), "..." appended when cut.
std::string TruncateUtf8(const std::string& text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max) return text.substr(0, i) + "...";
      ++chars;
    }
  }
  return text;
}

Json SyntheticOutcome(const char* code, std::string message) {
  Issues issues;
  issues.Error(code, "", std::move(message));
  return issues.ToOperationOutcome();
}

bool IsOutcome(const Json& j) {
  const Json* type = j.Find("resourceType");
  return type != nullptr && type->str() == "OperationOutcome";
}

std::string HttpLabel(int http_status) {
  std::string label = "HTTP " + std::to_string(http_status);
  const char* phrase = HttpReasonPhrase(http_status);
  if (*phrase != '\0') label += std::string(" ") + phrase;
  return label;
}

// The first error issue's code, or "".
std::string FirstErrorCode(const Json& outcome) {
  const Json* issues = outcome.Find("issue");
  if (issues == nullptr || !issues->is_array()) return "";
  for (const Json& issue : issues->items()) {
    const Json* severity = issue.Find("severity");
    const Json* code = issue.Find("code");
    if (severity != nullptr && code != nullptr &&
        (severity->str() == "error" || severity->str() == "fatal")) {
      return code->str();
    }
  }
  return "";
}

}  // namespace

StatusCode CodeForHttpStatus(int s) {
  if (s >= 200 && s < 300) return StatusCode::kOk;
  switch (s) {
    case 401:
      return StatusCode::kUnauthenticated;
    case 403:
      return StatusCode::kPermissionDenied;
    case 404:
    case 410:
      return StatusCode::kNotFound;
    case 405:
    case 501:
      return StatusCode::kUnimplemented;
    case 408:
      return StatusCode::kDeadlineExceeded;
    case 409:
    case 412:
      return StatusCode::kAborted;
    case 413:
      return StatusCode::kResourceExhausted;
    case 429:
      return StatusCode::kUnavailable;
    default:
      break;
  }
  if (s >= 500 && s < 600) return StatusCode::kUnavailable;
  if (s >= 400 && s < 500) return StatusCode::kInvalidArgument;
  if (s >= 300 && s < 400) return StatusCode::kFailedPrecondition;
  return StatusCode::kInternal;  // 1xx or not an HTTP status
}

const char* HttpReasonPhrase(int s) {
  switch (s) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

Json OutcomeFromErrorBody(int http_status, std::string_view content_type,
                          std::string_view body) {
  std::string text;
  if (!IsHtml(content_type, body)) {
    StatusOr<Json> parsed = Json::Parse(body);
    if (parsed.ok()) {
      if (IsOutcome(*parsed)) return std::move(parsed).value();
      text = parsed->Serialize();
    } else {
      text = std::string(body);
    }
  } else {
    text = StripTags(body);
  }
  text = TruncateUtf8(RedactSecrets(CollapseWhitespace(text)), kMaxQuotedChars);
  std::string message = HttpLabel(http_status);
  message += text.empty() ? " (empty body)" : ": " + text;
  return SyntheticOutcome(IssueCodeForHttpStatus(http_status),
                          std::move(message));
}

Json OutcomeFromStatus(const Status& status) {
  const char* code = "exception";
  if (status.code() == StatusCode::kDeadlineExceeded) code = "timeout";
  if (status.code() == StatusCode::kUnavailable) code = "transient";
  return SyntheticOutcome(code, status.message());
}

std::string OutcomeSummary(const Json& outcome) {
  if (!IsOutcome(outcome)) return "";
  const Json* issues = outcome.Find("issue");
  if (issues == nullptr || !issues->is_array() || issues->empty()) return "";
  const Json* chosen = &issues->at(0);
  for (const Json& issue : issues->items()) {
    const Json* severity = issue.Find("severity");
    if (severity != nullptr &&
        (severity->str() == "error" || severity->str() == "fatal")) {
      chosen = &issue;
      break;
    }
  }
  if (const Json* d = chosen->Find("diagnostics");
      d != nullptr && !d->str().empty()) {
    return d->str();
  }
  if (const Json* details = chosen->Find("details")) {
    if (const Json* t = details->Find("text");
        t != nullptr && !t->str().empty()) {
      return t->str();
    }
  }
  if (const Json* c = chosen->Find("code")) return c->str();
  return "";
}

Status ClassifyHttpResponse(int http_status, const Json& outcome) {
  StatusCode code = CodeForHttpStatus(http_status);
  if (code == StatusCode::kOk) return OkStatus();
  if (code == StatusCode::kInvalidArgument) {
    std::string issue_code = FirstErrorCode(outcome);
    if (issue_code == "throttled") code = StatusCode::kUnavailable;
    if (issue_code == "too-costly") code = StatusCode::kResourceExhausted;
    if (issue_code == "not-supported") code = StatusCode::kUnimplemented;
  }
  std::string message = HttpLabel(http_status);
  std::string summary = OutcomeSummary(outcome);
  // A synthetic outcome already starts with the label.
  if (summary.rfind(message, 0) == 0) {
    message = summary;
  } else if (!summary.empty()) {
    message += ": " + summary;
  }
  return Status(code, std::move(message));
}

int ParseEntryStatus(std::string_view status) {
  if (status.size() < 3) return 0;
  int code = 0;
  for (int i = 0; i < 3; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(status[i]))) return 0;
    code = code * 10 + (status[i] - '0');
  }
  if (status.size() > 3 && status[3] != ' ') return 0;
  return code;
}

Status ClassifyBundleEntry(const Json& entry) {
  const Json* response = entry.Find("response");
  const Json* status = response != nullptr ? response->Find("status") : nullptr;
  int code = status != nullptr ? ParseEntryStatus(status->str()) : 0;
  if (code == 0) return InternalError("bundle entry has no response.status");
  const Json* outcome = response->Find("outcome");
  return ClassifyHttpResponse(code, outcome != nullptr ? *outcome : Json());
}

}  // namespace fhir
