// Placing text labels in a drawing so that they do not overlap each other,
// the marks they name, or the lines drawn: each label tries a list of places
// around its anchor, in order, and takes the first that is free. Greedy and
// deterministic: the same calls, the same places.
//
//   LabelLayout layout({60, 40, 600, 500});         // labels stay inside this box
//   layout.block_circle(x, y, 3);                   // a dot
//   layout.block_segment(x1, y1, x2, y2);           // a line labels should not cross
//   if (auto at = layout.place_around(x, y, "12", 10, {5, 9})) svg += text at at->x, at->y, at->anchor
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::render {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Where a label went: its baseline point and text-anchor ("start", "middle", "end").
struct PlacedLabel {
  double x = 0, y = 0;
  std::string anchor;
  Box box;
};

// The width of text in a sans-serif font of `size` pixels, a little generous
// (no font metrics here: an estimate from the count of characters).
double text_width(std::string_view text, double size);

// Lines of at most `most` bytes, broken at spaces (a longer word keeps its own line).
std::vector<std::string> wrap_words(const std::string& text, std::size_t most);

class LabelLayout {
 public:
  explicit LabelLayout(Box bounds) : bounds_(bounds) {}

  void block(const Box& b) { boxes_.push_back(b); }
  void block_circle(double x, double y, double r) { boxes_.push_back({x - r, y - r, x + r, y + r}); }
  void block_segment(double x1, double y1, double x2, double y2) { segments_.push_back({x1, y1, x2, y2}); }

  // Whether labels placed from now on keep off the blocked segments (they
  // always keep off blocked boxes and each other). Names of marks may cross
  // a line, behind their white halo, rather than move far from their mark.
  void avoid_segments(bool avoid) { avoid_segments_ = avoid; }

  // True when the box lies inside the bounds and touches nothing blocked.
  bool free(const Box& b) const;

  // The first free place for `text` (font size `size`) at one of the
  // distances around (x, y): right, left, above, below, then the diagonals,
  // each distance in turn. The place found is blocked for later labels.
  std::optional<PlacedLabel> place_around(double x, double y, std::string_view text, double size,
                                          const std::vector<double>& distances);

  // `text` at baseline point (x, y) with that text-anchor, when the place is free.
  std::optional<PlacedLabel> place_at(double x, double y, const std::string& anchor, std::string_view text, double size) {
    return take(x, y, anchor, text, size);
  }

  // The first free place for `text` beside (x, y), to the right (or, with
  // `left`, to the left) at horizontal distance `dx`, moved up or down by
  // whole lines (0, -1, +1, -2, +2, ... up to `most_lines`).
  std::optional<PlacedLabel> place_beside(double x, double y, std::string_view text, double size, double dx, bool left,
                                          int most_lines);

 private:
  struct Segment {
    double x1, y1, x2, y2;
  };
  std::optional<PlacedLabel> take(double x, double y, const std::string& anchor, std::string_view text, double size);

  Box bounds_;
  std::vector<Box> boxes_;
  std::vector<Segment> segments_;
  bool avoid_segments_ = true;
};

}  // namespace parley::render
