// Background work that must yield to the calls being served: the recovery
// pass after a restart runs on threads that the scheduler runs only when
// serving leaves a core free (or gives them a small share when it does not),
// so a call never waits for a core behind work nobody is waiting for.
#pragma once

namespace qms {

// Lowers the calling thread's scheduling priority (Linux: its nice value ten
// steps up, at most 19, for this thread only; elsewhere nothing). Best effort: a refusal is ignored, as the
// work is the same at either priority. Cannot be undone by the thread.
void LowerThisThreadPriority();

}  // namespace qms
