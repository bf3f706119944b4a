// Bounded concurrency: run N blocking calls with at most K in flight, for
// the paths that fall back to one request per resource (the FHIR client and
// the transport block, so parallelism comes from threads).
#ifndef ALLIANCE_FHIR_HTTP_BOUNDED_H_
#define ALLIANCE_FHIR_HTTP_BOUNDED_H_

#include <cstddef>
#include <functional>

namespace fhir {

// Calls fn(i) once for every i in [0, n), on at most `max_in_flight` threads
// at once (values below 1 mean 1; with 1 everything runs on the calling
// thread), and returns when every call has returned. Indices are handed out
// in increasing order. fn must not throw; results go where fn puts them
// (e.g. slot i of a vector sized n beforehand).
void RunBounded(std::size_t n, int max_in_flight,
                const std::function<void(std::size_t)>& fn);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_BOUNDED_H_
