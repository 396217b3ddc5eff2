// ui::Platform for the browser: each method is a thin call into the page's JavaScript
// (web/library_subspace.js -> web/subspace-web.js), except textures, which are plain GL.
#include <GLES3/gl3.h>

#include <string>

#include "web/web.hpp"

namespace subspace::web {

TimeMs WebPlatform::now() { return static_cast<TimeMs>(subspace_js_now()); }

void WebPlatform::secure_random(std::uint8_t* out, std::size_t n) { subspace_js_random(out, n); }

void WebPlatform::copy_text(std::string_view text) {
  // Also ImGui's paste source, as if the user had copied it from an input field.
  backend().clipboard.assign(text);
  subspace_js_copy_text(text.data(), text.size());
}

void WebPlatform::download(std::string_view filename, std::string_view mime, std::string_view bytes) {
  subspace_js_download(std::string(filename).c_str(), std::string(mime).c_str(), bytes.data(), bytes.size());
}

void WebPlatform::set_route(std::string_view hash, bool push) { subspace_js_set_route(std::string(hash).c_str(), push ? 1 : 0); }

void WebPlatform::pick_file(ui::FilePurpose purpose, std::string_view accept) {
  subspace_js_pick_file(static_cast<int>(purpose), std::string(accept).c_str());
}

void WebPlatform::storage_changed() { subspace_js_storage_changed(); }

std::uintptr_t WebPlatform::create_texture(const std::uint8_t* rgba, int w, int h) {
  if (!rgba || w <= 0 || h <= 0) return 0;
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
  return tex;
}

void WebPlatform::destroy_texture(std::uintptr_t texture) {
  if (!texture) return;
  GLuint tex = static_cast<GLuint>(texture);
  glDeleteTextures(1, &tex);
}

void WebPlatform::http_request(std::uint64_t id, std::string_view method, std::string_view url, std::string_view body,
                               std::string_view bearer_token) {
  subspace_js_http(static_cast<unsigned>(id), std::string(method).c_str(), std::string(url).c_str(), std::string(body).c_str(),
                   std::string(bearer_token).c_str());
}

void WebPlatform::emit(std::string_view event, std::string_view json) {
  subspace_js_emit(std::string(event).c_str(), std::string(json).c_str());
}

}  // namespace subspace::web
