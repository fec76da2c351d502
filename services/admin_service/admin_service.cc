#include "services/admin_service/admin_service.h"

#include <boost/asio/post.hpp>
#include <chrono>
#include <filesystem>

#include "services/access/unary_call.h"

namespace qms::service {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxPathBytes = 4096;

Status CheckBackupRequest(const v1::BackupRequest& req) {
  if (req.to_dir().empty()) return InvalidArgument("to_dir is empty: give the folder to back up into");
  if (req.to_dir().size() > kMaxPathBytes) return InvalidArgument("to_dir is longer than 4096 bytes");
  if (req.to_dir().find('\0') != std::string::npos) return InvalidArgument("to_dir holds a NUL byte");
  if (!fs::path(req.to_dir()).is_absolute())
    return InvalidArgument("to_dir \"" + req.to_dir() +
                           "\" is relative: give an absolute path on the server's machine");
  return Status::Ok();
}

// An absent folder is made (with its parents); an empty one is used.
Status PrepareTarget(const fs::path& dir) {
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) return FailedPrecondition(dir.string() + " exists and is not a folder");
    if (!fs::is_empty(dir, ec) || ec)
      return FailedPrecondition(dir.string() + " is not empty: back up into a new or empty folder");
    return Status::Ok();
  }
  fs::create_directories(dir, ec);
  if (ec) return Unavailable("cannot create " + dir.string() + ": " + ec.message());
  return Status::Ok();
}

void CountFiles(const fs::path& dir, v1::BackupResponse* out) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    out->set_files(out->files() + 1);
    out->set_bytes(out->bytes() + it->file_size(ec));
  }
}

}  // namespace

Status BackupStores(const AdminStores& stores, const std::string& to_dir, v1::BackupResponse* out) {
  const fs::path dir = fs::path(to_dir).lexically_normal();
  if (Status s = PrepareTarget(dir); !s.ok()) return s;
  const auto started = std::chrono::steady_clock::now();
  const std::pair<storage::Store*, const char*> parts[] = {{stores.queue, "queue"},
                                                           {stores.deadline, "deadline"}};
  for (const auto& [store, name] : parts) {
    if (store == nullptr) continue;
    const std::string target = (dir / name).string();
    if (Status s = store->Checkpoint(target); !s.ok())
      return Unavailable("backup of the " + std::string(name) + " store into " + target +
                         " failed (what was written stays there): " + s.message());
    (std::string(name) == "queue" ? *out->mutable_queue_dir() : *out->mutable_deadline_dir()) = target;
  }
  out->set_micros(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
          .count());
  CountFiles(dir, out);
  return Status::Ok();
}

AdminServiceImpl::~AdminServiceImpl() { work_.join(); }

grpc::ServerUnaryReactor* AdminServiceImpl::Backup(grpc::CallbackServerContext* ctx,
                                                   const v1::BackupRequest* req, v1::BackupResponse* resp) {
  if (Status s = access::AdmitCall(*gate_, ctx, *req, access::Rpc::kBackup, "",
                                   [req] { return CheckBackupRequest(*req); });
      !s.ok())
    return access::FinishNow(ctx, s);
  auto* reactor = ctx->DefaultReactor();
  boost::asio::post(work_, [this, reactor, req, resp] {
    reactor->Finish(access::ToGrpc(BackupStores(stores_, req->to_dir(), resp)));
  });
  return reactor;
}

}  // namespace qms::service
