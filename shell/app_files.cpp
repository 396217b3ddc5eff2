// Files that come from the platform: workspace images (thumbnails kept as blobs), and
// the texture cache that draws them.
#include <cstdio>

#include "shell/app.hpp"

namespace subspace::ui {
namespace {
constexpr std::size_t kMaxImageBytes = 512 * 1024;
}

std::string App::save_image_blob(const Thumbnail& t) {
  std::uint64_t r = 0;
  platform_.secure_random(reinterpret_cast<std::uint8_t*>(&r), sizeof r);
  char name[40];
  std::snprintf(name, sizeof name, "img-%016llx.rgba", static_cast<unsigned long long>(r));
  std::string_view bytes(reinterpret_cast<const char*>(t.rgba.data()), t.rgba.size());
  if (Error e = store_->write_blob(name, bytes)) {
    toast("Could not store the image: " + e.message, true);
    return "";
  }
  platform_.storage_changed();
  return name;
}

std::uintptr_t App::image_texture(const ImageRef& image) {
  if (image.blob.empty()) return 0;
  auto it = textures_.find(image.blob);
  if (it != textures_.end()) return it->second;
  std::uintptr_t tex = 0;
  auto bytes = store_->read_blob(image.blob);
  if (bytes && bytes->size() == static_cast<std::size_t>(image.width) * image.height * 4)
    tex = platform_.create_texture(reinterpret_cast<const std::uint8_t*>(bytes->data()), image.width, image.height);
  textures_[image.blob] = tex;  // also remembers a missing blob, so it is not read every frame
  return tex;
}

void App::on_image_picked(std::string_view name, std::size_t original_bytes, const std::uint8_t* rgba, int w, int h) {
  if (original_bytes > kMaxImageBytes) {
    on_file_error(FilePurpose::WorkspaceImage, std::string(name) + " is " + std::to_string(original_bytes / 1024) +
                                                   " KB; images can be at most 512 KB.");
    return;
  }
  if (!rgba || w < 1 || h < 1 || w > 256 || h > 256) {
    on_file_error(FilePurpose::WorkspaceImage, "The image could not be read.");
    return;
  }
  Thumbnail t;
  t.rgba.assign(rgba, rgba + static_cast<std::size_t>(w) * h * 4);
  t.width = w;
  t.height = h;
  if (ui_.image_target != 0) {  // a new image for an existing workspace
    std::string blob = save_image_blob(t);
    if (!blob.empty()) dispatch(SetWorkspaceImage{ui_.image_target, ImageFields{blob, w, h}});
    return;
  }
  WizardState& wz = ui_.wizard;
  if (wz.image.texture) platform_.destroy_texture(wz.image.texture);
  t.texture = platform_.create_texture(t.rgba.data(), w, h);
  wz.image = std::move(t);
  wz.image_error.clear();
}

void App::on_file_picked(FilePurpose purpose, std::string_view name, std::string_view bytes) {
  (void)purpose, (void)bytes;
  toast("Nothing to do with " + std::string(name) + " here.", true);
}

}  // namespace subspace::ui
