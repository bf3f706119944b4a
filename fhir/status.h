// Status: the one error vocabulary of the project (after absl::Status).
//
// A Status says whether an operation could *run*; bad data found while it ran
// is reported as Issues (fhir/issues.h), not as a failed Status. The code
// decides what a caller does next:
//   kUnavailable        -> retry with backoff (network error, 429, 503, 504)
//   kAborted            -> re-read, then retry (409, 412)
//   kInvalidArgument    -> park the item; retrying will not help (400, 422)
//   kUnauthenticated    -> obtain a new token once (401)
//   kNotFound, kPermissionDenied, kFailedPrecondition, kInternal -> report.
// Status is cheap to copy and never throws.
#ifndef ALLIANCE_FHIR_STATUS_H_
#define ALLIANCE_FHIR_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace fhir {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kAborted,
  kUnavailable,
  kUnauthenticated,
  kPermissionDenied,
  kFailedPrecondition,
  kDeadlineExceeded,
  kResourceExhausted,
  kUnimplemented,
  kInternal,
};

// Returns the lower-case name of `code`, e.g. "invalid-argument".
const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid-argument: message", or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
inline Status InvalidArgumentError(std::string m) {
  return Status(StatusCode::kInvalidArgument, std::move(m));
}
inline Status NotFoundError(std::string m) {
  return Status(StatusCode::kNotFound, std::move(m));
}
inline Status FailedPreconditionError(std::string m) {
  return Status(StatusCode::kFailedPrecondition, std::move(m));
}
inline Status UnavailableError(std::string m) {
  return Status(StatusCode::kUnavailable, std::move(m));
}
inline Status InternalError(std::string m) {
  return Status(StatusCode::kInternal, std::move(m));
}

// Either a value or a non-OK Status. Accessing value() of an error is a
// programming error (checked with assert in debug builds).
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace fhir

#endif  // ALLIANCE_FHIR_STATUS_H_
