// NewHttpTransport() over cpprestsdk. The only file that includes cpprest (and
// through it Boost.Asio); every exception from them is caught here.
//
// Timing is ours, not cpprest's: cpprest has one inactivity timer per
// request and no connect timeout, so its timer is set very long and Send()
// waits on the task with its own deadlines, cancelling the request (which
// closes the socket) when one passes. "Connected" is known from cpprest's
// upload progress callback, which first fires once the request headers are
// written (after connect and TLS handshake).
#include <cpprest/http_client.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "fhir/http/http_transport.h"
#include "fhir/http/url.h"

namespace fhir {
namespace {

using SteadyTime = std::chrono::steady_clock::time_point;
using web::http::client::http_client;
using web::http::client::http_client_config;

// How long Send() still waits for a cancelled request to wind down before it
// returns anyway (a DNS lookup in progress cannot be interrupted).
constexpr auto kCancelGrace = std::chrono::seconds(2);

int NoPassword(char*, int, int, void*) { return 0; }

// Loads the TLS files into `ctx`; returns "" or what failed (never a secret).
std::string ConfigureTls(SSL_CTX* ctx, const TransportOptions& o) {
  SSL_CTX_set_default_passwd_cb(ctx, &NoPassword);  // never prompt on a tty
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  std::string error;
  if (!o.ca_file.empty() &&
      SSL_CTX_load_verify_locations(ctx, o.ca_file.c_str(), nullptr) != 1) {
    error = "ca_file: cannot load PEM certificates from " + o.ca_file;
  } else if (!o.client_cert_file.empty()) {
    const std::string& key =
        o.client_key_file.empty() ? o.client_cert_file : o.client_key_file;
    if (SSL_CTX_use_certificate_chain_file(ctx, o.client_cert_file.c_str()) !=
        1) {
      error = "client_cert_file: cannot load a PEM certificate from " +
              o.client_cert_file;
    } else if (SSL_CTX_use_PrivateKey_file(ctx, key.c_str(),
                                           SSL_FILETYPE_PEM) != 1) {
      error =
          "client_key_file: cannot load an unencrypted PEM private key "
          "matching the client certificate from " +
          key;
    } else if (SSL_CTX_check_private_key(ctx) != 1) {
      error = "client_key_file: the key does not match the client certificate";
    }
  } else if (!o.client_key_file.empty()) {
    error = "client_key_file is set without client_cert_file";
  }
  ERR_clear_error();
  return error;
}

// A counting semaphore: requests in flight for one origin.
class Slots {
 public:
  explicit Slots(int n) : free_(std::max(1, n)) {}
  bool Acquire(SteadyTime deadline) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_until(lock, deadline, [this] { return free_ > 0; }))
      return false;
    --free_;
    return true;
  }
  void Release() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++free_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
};

struct Origin {
  explicit Origin(int slots) : slots(slots) {}
  std::shared_ptr<http_client> client;  // its connection pool is kept alive
  Slots slots;
};

// What a request's continuation hands back to the waiting Send().
struct Pending {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  bool connected = false;  // request headers were written
  bool cancelled = false;  // Send() gave up waiting
  std::optional<StatusOr<HttpResponse>> result;
};

bool ReplaySafe(const HttpRequest& r) {
  return r.replay_safe || (r.method != "POST" && r.method != "PATCH");
}

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class CppRestTransport : public HttpTransport {
 public:
  explicit CppRestTransport(const TransportOptions& options)
      : options_(options) {
    if (options_.connect_timeout_ms <= 0 || options_.request_timeout_ms <= 0) {
      config_status_ =
          FailedPreconditionError("transport timeouts must be positive");
      return;
    }
    if (!options_.proxy_url.empty() && !ParseUrl(options_.proxy_url).ok()) {
      config_status_ = FailedPreconditionError(
          "proxy_url must be an http(s) URL without user information");
      return;
    }
    // Check the TLS files once, so that a bad path is reported clearly
    // instead of as a failed handshake.
    if (!options_.ca_file.empty() || !options_.client_cert_file.empty() ||
        !options_.client_key_file.empty()) {
      SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
      std::string error = ctx == nullptr ? "cannot create a TLS context"
                                         : ConfigureTls(ctx, options_);
      if (ctx != nullptr) SSL_CTX_free(ctx);
      if (!error.empty()) config_status_ = FailedPreconditionError(error);
    }
  }

  StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    if (!config_status_.ok()) return config_status_;
    StatusOr<Url> url = ParseUrl(EscapeUrlForWire(request.url));
    if (!url.ok()) return url.status();
    for (const auto& [name, value] : request.headers) {
      if (name.empty() ||
          name.find_first_of(":\r\n\0", 0, 4) != std::string::npos ||
          value.find_first_of("\r\n\0", 0, 3) != std::string::npos) {
        // Would split the header block (header injection); the value may
        // be a secret, so only the name is reported.
        return InvalidArgumentError("header \"" + name +
                                    "\" has a line break or NUL");
      }
    }
    const int timeout_ms = request.timeout_ms > 0 ? request.timeout_ms
                                                  : options_.request_timeout_ms;
    const SteadyTime start = std::chrono::steady_clock::now();
    const SteadyTime deadline = start + std::chrono::milliseconds(timeout_ms);
    const std::string origin_name = url->Origin();

    Origin* origin = nullptr;
    StatusOr<std::shared_ptr<http_client>> client =
        ClientFor(request, *url, &origin);
    if (!client.ok()) return client.status();
    if (!origin->slots.Acquire(deadline)) {
      return Status(StatusCode::kDeadlineExceeded,
                    "request to " + origin_name + " timed out after " +
                        std::to_string(timeout_ms) +
                        " ms waiting for a free connection");
    }
    struct Release {
      Slots* slots;
      ~Release() { slots->Release(); }
    } release{&origin->slots};

    auto pending = std::make_shared<Pending>();
    pplx::cancellation_token_source cancel;
    try {
      web::http::http_request msg(request.method);
      msg.set_request_uri(web::uri(url->path_and_query));
      bool has_user_agent = false;
      for (const auto& [name, value] : request.headers) {
        if (Lower(name) == "user-agent") has_user_agent = true;
        msg.headers().add(name, value);
      }
      if (!has_user_agent) msg.headers().add("User-Agent", options_.user_agent);
      if (!request.body.empty()) {
        // As bytes: cpprest's std::string overload reinterprets a
        // streambuf<char> as streambuf<unsigned char> (UBSan reports it).
        // A Content-Type already set is kept.
        msg.set_body(std::vector<unsigned char>(request.body.begin(),
                                                request.body.end()));
      }
      std::weak_ptr<Pending> weak = pending;
      msg.set_progress_handler(
          [weak](web::http::message_direction::direction dir,
                 utility::size64_t) {
            auto p = weak.lock();
            if (!p || dir != web::http::message_direction::upload) return;
            {
              std::lock_guard<std::mutex> lock(p->mu);
              p->connected = true;
            }
            p->cv.notify_all();
          });

      (*client)
          ->request(msg, cancel.get_token())
          .then([](web::http::http_response response) {
            return response.extract_vector().then(
                [response](std::vector<unsigned char> body) {
                  HttpResponse out;
                  out.status = response.status_code();
                  for (const auto& [name, value] : response.headers()) {
                    out.headers.emplace_back(Lower(name), value);
                  }
                  out.body.assign(body.begin(), body.end());
                  return out;
                });
          })
          .then([pending, origin_name](pplx::task<HttpResponse> task) {
            StatusOr<HttpResponse> result = InternalError("no result");
            try {
              result = task.get();
            } catch (...) {
              std::lock_guard<std::mutex> lock(pending->mu);
              result = Failure(std::current_exception(), origin_name,
                               pending->connected);
            }
            {
              std::lock_guard<std::mutex> lock(pending->mu);
              pending->result = std::move(result);
              pending->done = true;
            }
            pending->cv.notify_all();
          });
    } catch (...) {
      return Failure(std::current_exception(), origin_name, false);
    }
    return Wait(pending, &cancel, start, deadline, timeout_ms, origin_name);
  }

 private:
  // The kept-alive client of the URL's origin, or a new one (with a new
  // connection) for a request that must not be replayed on a reused
  // connection (see HttpRequest::replay_safe). Either way `origin` is the
  // origin whose slots bound the request.
  StatusOr<std::shared_ptr<http_client>> ClientFor(const HttpRequest& request,
                                                   const Url& url,
                                                   Origin** origin) {
    StatusOr<std::shared_ptr<http_client>> pooled = Client(url, origin);
    if (!pooled.ok() || ReplaySafe(request)) return pooled;
    return FreshClient(url);
  }

  StatusOr<std::shared_ptr<http_client>> Client(const Url& url,
                                                Origin** origin) {
    std::string base =
        url.scheme + "://" + url.host + ":" + std::to_string(url.port);
    try {
      std::lock_guard<std::mutex> lock(mu_);
      std::unique_ptr<Origin>& slot = origins_[url.Origin()];
      if (!slot) {
        slot = std::make_unique<Origin>(options_.max_connections);
        slot->client = std::make_shared<http_client>(base, Config(url.scheme));
      }
      *origin = slot.get();
      return slot->client;
    } catch (...) {
      return Failure(std::current_exception(), url.Origin(), false);
    }
  }

  StatusOr<std::shared_ptr<http_client>> FreshClient(const Url& url) {
    std::string base =
        url.scheme + "://" + url.host + ":" + std::to_string(url.port);
    try {
      return std::make_shared<http_client>(base, Config(url.scheme));
    } catch (...) {
      return Failure(std::current_exception(), url.Origin(), false);
    }
  }

  http_client_config Config(const std::string& scheme) const {
    http_client_config config;
    // Our own deadlines decide (see the top of this file).
    config.set_timeout(std::chrono::hours(24));
    config.set_request_compressed_response(options_.gzip);
    config.set_validate_certificates(options_.verify_tls);
    if (!options_.proxy_url.empty()) {
      config.set_proxy(web::web_proxy(web::uri(options_.proxy_url)));
    }
    if (scheme == "https") {
      TransportOptions tls = options_;
      config.set_ssl_context_callback([tls](boost::asio::ssl::context& ctx) {
        ConfigureTls(ctx.native_handle(), tls);  // checked in the constructor
      });
    }
    return config;
  }

  StatusOr<HttpResponse> Wait(const std::shared_ptr<Pending>& pending,
                              pplx::cancellation_token_source* cancel,
                              SteadyTime start, SteadyTime deadline,
                              int timeout_ms, const std::string& origin_name) {
    const SteadyTime connect_deadline =
        start + std::chrono::milliseconds(options_.connect_timeout_ms);
    std::unique_lock<std::mutex> lock(pending->mu);
    Status timeout;
    if (!pending->cv.wait_until(
            lock, std::min(connect_deadline, deadline),
            [&] { return pending->done || pending->connected; })) {
      if (connect_deadline <= deadline) {
        timeout =
            Status(StatusCode::kDeadlineExceeded,
                   "connecting to " + origin_name + " timed out after " +
                       std::to_string(options_.connect_timeout_ms) + " ms");
      } else {
        timeout =
            Status(StatusCode::kDeadlineExceeded,
                   "request to " + origin_name + " timed out after " +
                       std::to_string(timeout_ms) + " ms while connecting");
      }
    } else if (!pending->cv.wait_until(lock, deadline,
                                       [&] { return pending->done; })) {
      timeout = Status(StatusCode::kDeadlineExceeded,
                       "request to " + origin_name + " timed out after " +
                           std::to_string(timeout_ms) +
                           " ms without a complete response (the server may "
                           "have processed it)");
    }
    if (timeout.ok()) return std::move(*pending->result);
    pending->cancelled = true;
    lock.unlock();
    try {
      cancel->cancel();  // closes the socket
    } catch (...) {
    }
    lock.lock();
    pending->cv.wait_for(lock, kCancelGrace, [&] { return pending->done; });
    // A response that completed just as the deadline passed still counts.
    if (pending->done && pending->result->ok())
      return std::move(*pending->result);
    return timeout;
  }

  // Maps an exception from cpprest to a Status (the only place that does).
  static Status Failure(std::exception_ptr error, const std::string& origin,
                        bool connected) {
    std::string what;
    std::error_code code;
    try {
      std::rethrow_exception(error);
    } catch (const web::http::http_exception& e) {
      what = e.what();
      code = e.error_code();
    } catch (const pplx::task_canceled&) {
      what = "request cancelled";
      code = std::make_error_code(std::errc::operation_canceled);
    } catch (const web::uri_exception& e) {
      return InvalidArgumentError(std::string("invalid URL: ") + e.what());
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
      what = "unknown error";
    }
    if (code == std::errc::timed_out) {
      return Status(StatusCode::kDeadlineExceeded,
                    "request to " + origin + " timed out: " + what);
    }
    std::string detail = what;
    if (code && code.message() != what) detail += " (" + code.message() + ")";
    if (connected) {
      return UnavailableError("connection to " + origin +
                              " lost before a complete response (the server "
                              "may have processed the request): " +
                              detail);
    }
    return UnavailableError("cannot connect to " + origin + ": " + detail);
  }

  const TransportOptions options_;
  Status config_status_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Origin>> origins_;
};

}  // namespace

std::unique_ptr<HttpTransport> NewHttpTransport(
    const TransportOptions& options) {
  return std::make_unique<CppRestTransport>(options);
}

}  // namespace fhir
