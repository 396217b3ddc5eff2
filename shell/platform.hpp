// What the shell needs from the world around it. web/ implements it for the browser; the
// native headless build and the tests implement it in memory. Nothing in shell/ includes a
// browser, SDL or Emscripten header.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/types.hpp"

namespace subspace::ui {

enum class FilePurpose : std::uint8_t { WorkspaceImage, ImportOrg, InviteCsv };

struct Platform {
  virtual ~Platform() = default;
  virtual TimeMs now() = 0;  // wall clock, UTC
  virtual void secure_random(std::uint8_t* out, std::size_t n) = 0;
  virtual void copy_text(std::string_view text) = 0;
  virtual void download(std::string_view filename, std::string_view mime, std::string_view bytes) = 0;
  // The URL hash follows the view ("#/ws/12/members"); `push` adds a history entry.
  virtual void set_route(std::string_view hash, bool push) = 0;
  // Opens the browser's file picker; the answer comes back through App::on_file_picked.
  virtual void pick_file(FilePurpose purpose, std::string_view accept) = 0;
  // The store's files changed: persist them (debounced, one save in flight).
  virtual void storage_changed() = 0;
  // GPU textures for image thumbnails (RGBA, 8 bits a channel); 0 when there is no GPU.
  virtual std::uintptr_t create_texture(const std::uint8_t* rgba, int w, int h) { (void)rgba, (void)w, (void)h; return 0; }
  virtual void destroy_texture(std::uintptr_t texture) { (void)texture; }
  // One HTTP request with a JSON body (sync with a server). The answer comes back through
  // App::on_http_response(id, status, body); status 0 means the server could not be reached.
  virtual void http_request(std::uint64_t id, std::string_view method, std::string_view url, std::string_view body,
                            std::string_view bearer_token) {
    (void)id, (void)method, (void)url, (void)body, (void)bearer_token;
  }
  // Events for an embedding page: "state", "saved", "sync", "error".
  virtual void emit(std::string_view event, std::string_view json) { (void)event, (void)json; }
};

}  // namespace subspace::ui
