// FakeTransport: a scripted fhir::HttpTransport for unit tests. Each Send
// records the request and returns the next scripted answer (the last one
// repeats when the script runs out).
#ifndef ALLIANCE_TESTS_FHIR_HTTP_FAKE_TRANSPORT_H_
#define ALLIANCE_TESTS_FHIR_HTTP_FAKE_TRANSPORT_H_

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "fhir/http/http_transport.h"

namespace fhir {
namespace testing {

class FakeTransport : public HttpTransport {
 public:
  // Queues an HTTP response.
  FakeTransport& Reply(int status, std::string body = "",
                       HttpHeaders headers = {
                           {"content-type", "application/fhir+json"}}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    script_.push_back(StatusOr<HttpResponse>(std::move(r)));
    return *this;
  }
  // Queues a transport failure.
  FakeTransport& Fail(Status status) {
    script_.push_back(StatusOr<HttpResponse>(std::move(status)));
    return *this;
  }
  // Answers computed from the request (used after the script runs out).
  std::function<StatusOr<HttpResponse>(const HttpRequest&)> handler;

  StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    if (!script_.empty()) {
      StatusOr<HttpResponse> r = script_.front();
      if (script_.size() > 1 || handler) script_.pop_front();
      return r;
    }
    if (handler) return handler(request);
    return Status(StatusCode::kInternal, "FakeTransport: nothing scripted");
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  mutable std::mutex mu_;
  std::deque<StatusOr<HttpResponse>> script_;
  std::vector<HttpRequest> requests_;
};

// The value of header `name` in `request` (exact name), or "".
inline std::string RequestHeader(const HttpRequest& request,
                                 const std::string& name) {
  for (const auto& [n, v] : request.headers) {
    if (n == name) return v;
  }
  return "";
}

}  // namespace testing
}  // namespace fhir

#endif  // ALLIANCE_TESTS_FHIR_HTTP_FAKE_TRANSPORT_H_
