#include "services/echo_service/async_echo_service.h"

#include "qms/request_parsing.h"

namespace qms {

namespace {

// One call's state; it deletes itself after its reply is sent.
class EchoCall {
 public:
  EchoCall(v1::EchoService::AsyncService* service, grpc::ServerCompletionQueue* cq)
      : service_(service), cq_(cq), responder_(&ctx_) {
    service_->RequestEcho(&ctx_, &request_, &responder_, cq_, cq_, this);
  }

  // Called with each completion of this call's tag.
  void Proceed(bool ok) {
    if (replied_ || !ok) {
      delete this;
      return;
    }
    new EchoCall(service_, cq_);  // keep one call waiting for the next request
    replied_ = true;
    if (std::string error = proto::RequestParseError(request_); !error.empty()) {
      responder_.FinishWithError(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, error), this);
      return;
    }
    reply_.set_payload(request_.payload());
    responder_.Finish(reply_, grpc::Status::OK, this);
  }

 private:
  v1::EchoService::AsyncService* service_;
  grpc::ServerCompletionQueue* cq_;
  grpc::ServerContext ctx_;
  v1::EchoRequest request_;
  v1::EchoReply reply_;
  grpc::ServerAsyncResponseWriter<v1::EchoReply> responder_;
  bool replied_ = false;
};

}  // namespace

void AsyncEchoService::Attach(grpc::ServerBuilder* builder) {
  builder->RegisterService(&service_);
  for (int i = 0; i < threads_; ++i) queues_.push_back(builder->AddCompletionQueue());
}

void AsyncEchoService::Start() {
  for (auto& cq : queues_) {
    grpc::ServerCompletionQueue* q = cq.get();
    pollers_.emplace_back([this, q] { Poll(q); });
  }
}

void AsyncEchoService::Poll(grpc::ServerCompletionQueue* cq) {
  // Several calls waiting per queue, so bursts need not wait for a re-arm.
  for (int i = 0; i < 8; ++i) new EchoCall(&service_, cq);
  void* tag = nullptr;
  bool ok = false;
  while (cq->Next(&tag, &ok)) static_cast<EchoCall*>(tag)->Proceed(ok);
}

void AsyncEchoService::Stop() {
  for (auto& cq : queues_) cq->Shutdown();
  for (auto& t : pollers_) t.join();
  pollers_.clear();
  queues_.clear();
}

}  // namespace qms
