// The charts as standalone SVG, for the Markdown report. Every chart is 720 px wide; its height
// follows from its panels and its legend, which sits under the plot and wraps, so no label runs
// past the edge (svg_text_width is the width reserved for a text).

#include "report/chart_common.hpp"
#include "report/charts.hpp"
#include "report/document.hpp"

#include "core/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>
#include <utility>

namespace fabcast::report {
namespace {

using detail::LegendEntry;
using detail::Swatch;

constexpr double W = 720;     // every chart's width
constexpr double FONT = 11;   // labels, ticks and legend
constexpr double TITLE = 14;  // the title, bold
constexpr double MARGIN = 10;
constexpr double LINE = 16;   // a line of legend or axis text
constexpr double RIGHT = 24;  // right of a plot: half an x label

std::string xml(std::string_view text) { return escape_markup(text); }

// Words into lines no wider than `width`; a word longer than a line is cut where it must be.
std::vector<std::string> wrap(const std::string& text, double width, double size) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string line;
  for (std::string word; words >> word;) {
    while (svg_text_width(word, size) > width) {
      if (!line.empty()) lines.push_back(std::exchange(line, std::string()));
      std::size_t cut = 1;  // the most whole characters (UTF-8 sequences) that fit, at least one
      for (std::size_t end = 1; end <= word.size(); ++end) {
        if (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) continue;
        if (svg_text_width(word.substr(0, end), size) > width) break;
        cut = end;
      }
      lines.push_back(word.substr(0, cut));
      word.erase(0, cut);
    }
    if (word.empty()) continue;
    const std::string longer = line.empty() ? word : line + " " + word;
    if (!line.empty() && svg_text_width(longer, size) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = longer;
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string open_svg(double height) {
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" font-family="sans-serif" font-size="{2}">)"
      "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      W, height, FONT);
}

// The title, wrapped to the width; returns the y under it.
double draw_title(std::string& s, const std::string& title) {
  double y = 20;
  for (const auto& line : wrap(title, W - 2 * MARGIN, TITLE)) {
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\">{}</text>\n", MARGIN, y, TITLE,
                     xml(line));
    y += TITLE + 4;
  }
  return y - TITLE + 2;
}

// The legend from y on, entries left to right, wrapping within the width; returns the y under it.
double draw_legend(std::string& s, const std::vector<LegendEntry>& entries, double y) {
  constexpr double SWATCH = 14, GAP = 5, SPACING = 16;
  const double left = MARGIN, right = W - MARGIN;
  double x = left, row_lines = 1;
  y += LINE;
  for (const auto& e : entries) {
    const auto lines = wrap(e.label, right - left - SWATCH - GAP, FONT);
    double text_width = 0;
    for (const auto& l : lines) text_width = std::max(text_width, svg_text_width(l, FONT));
    const double item = SWATCH + GAP + text_width;
    if (x > left && x + item > right) {
      y += LINE * row_lines;
      x = left;
      row_lines = 1;
    }
    const double mid = y - 4;
    s += "<g class=\"legend\">";
    switch (e.swatch) {
      case Swatch::fill:
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"10\" fill=\"{}\"/>", x, mid - 5, SWATCH,
                         e.colour);
        break;
      case Swatch::line:
      case Swatch::dashed:
        s += fmt::format(
            "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"2\"{}/>", x,
            x + SWATCH, mid, mid, e.colour, e.swatch == Swatch::dashed ? " stroke-dasharray=\"4 3\"" : "");
        break;
    }
    for (std::size_t k = 0; k < lines.size(); ++k) {
      s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>", x + SWATCH + GAP, y + LINE * static_cast<double>(k),
                       xml(lines[k]));
    }
    s += "</g>\n";
    row_lines = std::max(row_lines, static_cast<double>(lines.size()));
    x += item + SPACING;
  }
  return y + LINE * (row_lines - 1) + 8;
}

// Round tick values from lo to hi: 1, 2 or 5 times a power of ten, about `count` of them.
std::vector<double> nice_ticks(double lo, double hi, int count, double& step) {
  const double raw = (hi - lo) / count, decade = std::pow(10, std::floor(std::log10(raw)));
  step = decade * (raw <= decade ? 1 : raw <= 2 * decade ? 2 : raw <= 5 * decade ? 5 : 10);
  std::vector<double> ticks;
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) {
    ticks.push_back(std::abs(v) < 1e-9 * step ? 0.0 : v);
  }
  return ticks;
}

// A value axis: its range and ticks, linear or in decades over a floor that stands for zero.
struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  double floor = 0;  // log: where zero and below are drawn
  std::vector<double> ticks;

  [[nodiscard]] double unit(double v) const { return log ? std::log10(std::max(v, floor)) : v; }
  [[nodiscard]] double fraction(double v) const { return (unit(v) - lo) / (hi - lo); }
};

Axis linear_axis(double lo, double hi, bool round_ends) {
  Axis a;
  if (!(hi > lo)) hi = lo + (lo == 0 ? 1 : std::abs(lo) * 0.1);
  double step = 1;
  a.ticks = nice_ticks(lo, hi, 5, step);
  if (round_ends) {
    a.lo = std::floor(lo / step + 1e-9) * step;
    a.hi = std::ceil(hi / step - 1e-9) * step;
    a.ticks = nice_ticks(a.lo, a.hi, 5, step);
  } else {
    a.lo = lo;
    a.hi = hi;
  }
  return a;
}

Axis log_axis(double floor, double top) {
  Axis a;
  a.log = true;
  a.floor = floor;
  a.lo = std::log10(floor);
  a.hi = std::max(a.lo + 1, std::ceil(std::log10(std::max(top, floor))));
  const double every = std::max(1.0, std::ceil((a.hi - a.lo) / 8));
  for (double u = a.lo; u <= a.hi + 1e-9; u += every) a.ticks.push_back(std::pow(10, u));
  return a;
}

std::string tick_label(const Axis& a, double v, Unit unit) {
  if (a.log && v <= a.floor * 1.0001) return "0";
  return format_for(v, unit, 3);
}

struct Frame {
  double left, top, width, height;
  [[nodiscard]] double bottom() const { return top + height; }
};

// The x axis under a frame: whole years, or the points' own values (a sweep's grid).
void draw_x_axis(std::string& s, const Frame& f, const Chart& c, const std::function<double(double)>& X) {
  auto tick = [&](double t, const std::string& label) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/><text x=\"{0:.1f}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        X(t), f.top, f.bottom(), f.bottom() + LINE, xml(label));
  };
  const double x0 = c.time.front(), x1 = c.time.back();
  if (c.x_title == "year") {
    // About 8 ticks on a full-width chart, fewer on a panel: every 1, 2, 5, 10 or 20 years, on
    // multiples of that step.
    const double wanted = std::max(3.0, std::floor(f.width / 80));
    int every = 1;
    for (const int step : {1, 2, 5, 10, 20}) {
      every = step;
      if ((x1 - x0) / step <= wanted) break;
    }
    for (int year = static_cast<int>(std::ceil(x0 / every)) * every; year <= static_cast<int>(x1); year += every) {
      if (year >= x0) tick(year, std::to_string(year));
    }
  } else {
    const std::size_t every = std::max<std::size_t>(1, (c.time.size() + 7) / 8);
    for (std::size_t i = 0; i < c.time.size(); i += every) tick(c.time[i], format_for(c.time[i], c.x_unit, 3));
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", f.left + f.width / 2,
                     f.bottom() + 2 * LINE, xml(c.x_title));
  }
}

// The y axis's ticks, grid and title; returns the frame's plotting area right of the labels.
Frame draw_y_axis(std::string& s, Frame f, const Axis& a, Unit unit, const std::string& title) {
  double widest = 0;
  for (const double v : a.ticks) widest = std::max(widest, svg_text_width(tick_label(a, v, unit), FONT));
  const double labels = 20 + widest + 6;  // the rotated title, the labels, a gap
  // Room on the right for half the last x label, centred on the frame's edge.
  Frame plot{f.left + labels, f.top, f.width - labels - RIGHT, f.height};
  for (const double v : a.ticks) {
    const double py = plot.bottom() - a.fraction(v) * plot.height;
    s += fmt::format(
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/><text x=\"{:.1f}\" "
        "y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
        plot.left, plot.left + plot.width, py, py, plot.left - 6, py + 4, xml(tick_label(a, v, unit)));
  }
  const auto shown = wrap(title, plot.height, FONT).front();  // a long title keeps its first line
  s += fmt::format("<text transform=\"translate({:.1f},{:.1f}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                   f.left + 12, plot.top + plot.height / 2, xml(shown));
  return plot;
}

std::string path_of(const std::vector<std::pair<double, double>>& pts) {
  std::string d;
  for (std::size_t i = 0; i < pts.size(); ++i)
    d += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "M", pts[i].first, pts[i].second);
  return d;
}

// One panel of fans (all of them, or one under `facet`), with the references, zero and goal.
void draw_fan_panel(std::string& s, const Chart& c, const std::vector<std::size_t>& fans, Frame f, double floor) {
  double lo = 0, hi = 0;
  auto widen = [&](const std::optional<double>& v) {
    if (v) {
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
  };
  for (const std::size_t i : fans) {
    for (const auto* q : {&c.fans[i].p5, &c.fans[i].p50, &c.fans[i].p95}) {
      for (const auto& v : *q) widen(v);
    }
  }
  const bool all = fans.size() == c.fans.size();
  if (all) {
    for (const auto& r : c.references) {
      for (const auto& v : r.y) widen(v);
    }
    widen(c.y_rule);
  }
  const Axis a = c.log_y ? log_axis(floor, hi) : linear_axis(lo, hi, true);
  const Frame plot = draw_y_axis(s, f, a, c.y_unit, c.y_title);
  const double x0 = c.log_x ? std::log10(c.time.front()) : c.time.front();
  const double x1 = std::max(c.log_x ? std::log10(c.time.back()) : c.time.back(), x0 + 1e-9);
  auto X = [&](double t) { return plot.left + ((c.log_x ? std::log10(t) : t) - x0) / (x1 - x0) * plot.width; };
  auto Y = [&](double v) { return plot.bottom() - a.fraction(v) * plot.height; };
  draw_x_axis(s, plot, c, X);
  auto line = [&](const std::vector<std::optional<double>>& y, const char* colour, const char* extra) {
    // Broken where a value is missing.
    std::vector<std::pair<double, double>> run;
    auto flush = [&] {
      if (!run.empty())
        s += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", path_of(run), colour,
                         extra);
      run.clear();
    };
    for (std::size_t t = 0; t < c.time.size(); ++t) {
      if (y[t]) {
        run.emplace_back(X(c.time[t]), Y(*y[t]));
      } else {
        flush();
      }
    }
    flush();
  };
  for (const std::size_t i : fans) {
    const auto& fan = c.fans[i];
    const char* colour = series_colour(i);
    auto band = [&](const std::vector<std::optional<double>>& b_lo, const std::vector<std::optional<double>>& b_hi,
                    double opacity) {
      std::vector<std::pair<double, double>> pts;
      for (std::size_t t = 0; t < c.time.size(); ++t) {
        if (b_lo[t] && b_hi[t]) pts.emplace_back(X(c.time[t]), Y(*b_hi[t]));
      }
      for (std::size_t t = c.time.size(); t-- > 0;) {
        if (b_lo[t] && b_hi[t]) pts.emplace_back(X(c.time[t]), Y(*b_lo[t]));
      }
      if (!pts.empty())
        s += fmt::format("<path d=\"{} Z\" fill=\"{}\" fill-opacity=\"{}\"/>\n", path_of(pts), colour, opacity);
    };
    band(fan.p5, fan.p95, 0.18);
    band(fan.p25, fan.p75, 0.35);
    line(fan.p50, colour, "");
  }
  if (all) {
    for (std::size_t r = 0; r < c.references.size(); ++r) {
      line(c.references[r].y, series_colour(c.fans.size() + r), " stroke-dasharray=\"6 4\"");
    }
  }
  if (detail::shows_zero(c)) {
    const double zy = Y(c.log_y ? floor : 0);
    s += fmt::format(
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"1.5\"/>\n",
        plot.left, plot.left + plot.width, zy, zy, detail::ZERO_COLOUR);
  }
  if (c.y_rule && all) {
    s += fmt::format(
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-dasharray=\"6 4\"/>\n",
        plot.left, plot.left + plot.width, Y(*c.y_rule), Y(*c.y_rule), detail::RULE_COLOUR);
  }
  s += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"#888\"/>\n", plot.left,
      plot.top, plot.width, plot.height);
}

void draw_stacked(std::string& s, const Chart& c, Frame f) {
  Axis a;
  a.ticks = {0, 0.25, 0.5, 0.75, 1};
  const Frame plot = draw_y_axis(s, f, a, Unit::share, c.y_title);
  const double x0 = c.time.front(), x1 = std::max(c.time.back(), x0 + 1e-9);
  auto X = [&](double t) { return plot.left + (t - x0) / (x1 - x0) * plot.width; };
  auto Y = [&](double v) { return plot.bottom() - v * plot.height; };
  draw_x_axis(s, plot, c, X);
  std::vector<double> base(c.time.size(), 0);
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    std::vector<std::pair<double, double>> pts;
    std::vector<double> top(base);
    for (std::size_t t = 0; t < c.time.size(); ++t) top[t] += c.layers[i].share[t];
    for (std::size_t t = 0; t < c.time.size(); ++t) pts.emplace_back(X(c.time[t]), Y(top[t]));
    for (std::size_t t = c.time.size(); t-- > 0;) pts.emplace_back(X(c.time[t]), Y(base[t]));
    s += fmt::format("<path d=\"{} Z\" fill=\"{}\"/>\n", path_of(pts), series_colour(i));
    base = top;
  }
  s += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"#888\"/>\n", plot.left,
      plot.top, plot.width, plot.height);
}

}  // namespace

std::string svg_chart(const Chart& c) {
  std::string body;
  const double top = draw_title(body, c.title) + 12;
  double below = top;
  const bool x_title = c.x_title != "year";
  const double under_plot = LINE + (x_title ? LINE : 0) + 4;  // tick labels and the x title
  if (c.fans.empty()) {
    const Frame f{MARGIN, top, W - 2 * MARGIN, 240};
    draw_stacked(body, c, f);
    below = f.bottom() + under_plot;
  } else {
    const double floor = c.log_y ? detail::log_floor(c) : 0;
    const std::size_t panels = c.facet ? c.fans.size() : 1;
    const std::size_t columns = std::min<std::size_t>(3, panels);
    const double width = (W - 2 * MARGIN) / static_cast<double>(columns), height = c.facet ? 180 : 240;
    for (std::size_t p = 0; p < panels; ++p) {
      const auto col = static_cast<double>(p % columns), row = static_cast<double>(p / columns);
      const double panel_top = top + row * (height + under_plot + (c.facet ? LINE + 6 : 0)) + (c.facet ? LINE + 6 : 0);
      const Frame f{MARGIN + col * width, panel_top, width - (col + 1 < static_cast<double>(columns) ? 12 : 0), height};
      std::vector<std::size_t> fans;
      if (c.facet) {
        fans.push_back(p);
        const auto name = wrap(c.fans[p].label, f.width, FONT).front();
        body += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
                            f.left + f.width / 2, f.top - 8, xml(name));
      } else {
        for (std::size_t i = 0; i < c.fans.size(); ++i) fans.push_back(i);
      }
      draw_fan_panel(body, c, fans, f, floor);
      below = std::max(below, f.bottom() + under_plot);
    }
  }
  const double height = draw_legend(body, detail::legend_of(c), below);
  return open_svg(std::ceil(height)) + body + "</svg>\n";
}

std::string svg_chart(const CdfChart& c) {
  std::string body;
  const double top = draw_title(body, c.title) + 12;
  const Frame f{MARGIN, top, W - 2 * MARGIN, 200};
  const double floor = c.log_x ? detail::log_floor(c) : 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& cdf : c.cdfs) {
    for (const auto& v : cdf.quantiles) {
      if (v) {
        lo = std::min(lo, c.log_x ? std::max(*v, floor) : *v);
        hi = std::max(hi, c.log_x ? std::max(*v, floor) : *v);
      }
    }
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (c.x_domain) {
    lo = std::min(lo, c.x_domain->first);
    hi = std::max(hi, c.x_domain->second);
  }
  Axis y;
  y.ticks = {0, 0.25, 0.5, 0.75, 1};
  const Frame plot = draw_y_axis(body, f, y, Unit::share, "at or below");
  Axis x = c.log_x ? log_axis(floor, hi) : linear_axis(lo, hi, false);
  if (c.x_unit == Unit::year && !c.log_x) {  // whole years
    x.ticks.erase(std::remove_if(x.ticks.begin(), x.ticks.end(), [](double v) { return v != std::floor(v); }),
                  x.ticks.end());
  }
  auto X = [&](double v) { return plot.left + x.fraction(v) * plot.width; };
  auto Y = [&](double share) { return plot.bottom() - share * plot.height; };
  for (const double v : x.ticks) {
    body += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/><text x=\"{0:.1f}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        X(v), plot.top, plot.bottom(), plot.bottom() + LINE, xml(tick_label(x, v, c.x_unit)));
  }
  body += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", plot.left + plot.width / 2,
                      plot.bottom() + 2 * LINE, xml(c.x_title));
  for (std::size_t k = 0; k < c.cdfs.size(); ++k) {
    const auto& cdf = c.cdfs[k];
    std::vector<std::pair<double, double>> pts;
    for (std::size_t i = 0; i < cdf.quantiles.size(); ++i) {
      if (cdf.quantiles[i])
        pts.emplace_back(X(*cdf.quantiles[i]),
                         Y(static_cast<double>(i) / static_cast<double>(cdf.quantiles.size() - 1)));
    }
    if (pts.empty()) continue;
    body += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", path_of(pts),
                        series_colour(k));
    if (cdf.share_never > 0) {  // the samples that never get a value: flat to the right edge
      body += fmt::format(
          "<path d=\"M{:.1f},{:.1f} L{:.1f},{:.1f}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" "
          "stroke-dasharray=\"4 3\"/>\n",
          pts.back().first, Y(1 - cdf.share_never), plot.left + plot.width, Y(1 - cdf.share_never), series_colour(k));
    }
  }
  body += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"#888\"/>\n", plot.left,
      plot.top, plot.width, plot.height);
  const double height = draw_legend(body, detail::legend_of(c), plot.bottom() + 2 * LINE + 4);
  return open_svg(std::ceil(height)) + body + "</svg>\n";
}

std::string svg_chart(const BarChart& c) {
  const std::size_t ns = std::max<std::size_t>(1, c.series.size());
  const double row = c.range ? 18 : 12.0 * static_cast<double>(ns) + 6;
  double widest_label = 0;
  for (const auto& label : c.labels) widest_label = std::max(widest_label, svg_text_width(label, FONT));
  const double L = std::clamp(widest_label + 16, 120.0, 300.0), R = MARGIN, T_title = 36;
  const double pw = W - L - R, ph = row * static_cast<double>(c.labels.size());
  double lo = c.reference.value_or(0), hi = c.reference.value_or(0);
  for (const auto& sr : c.series) {
    for (std::size_t i = 0; i < c.labels.size(); ++i) {
      for (double v : {sr.value[i], sr.lo[i], sr.hi[i]}) {
        if (std::isfinite(v)) {
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
      }
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  const double pad = 0.04 * (hi - lo);
  lo -= pad;
  hi += pad;
  auto X = [&](double v) { return L + (v - lo) / (hi - lo) * pw; };
  std::string body;
  const double T = std::max(T_title, draw_title(body, c.title) + 12);
  double step = 1;
  for (const double v : nice_ticks(lo, hi, 6, step)) {
    body += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/><text x=\"{0:.1f}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        X(v), T, T + ph, T + ph + LINE, format_for(v, c.x_unit, 3));
  }
  body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", L + pw / 2, T + ph + 2 * LINE,
                      xml(c.x_title));
  for (std::size_t i = 0; i < c.labels.size(); ++i) {
    const double top = T + row * static_cast<double>(i);
    // A label wider than the margin keeps what fits (the table beside the chart has it whole).
    std::string label = c.labels[i];
    while (label.size() > 4 && svg_text_width(label, FONT) > L - 8) label = label.substr(0, label.size() - 4) + "...";
    body += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", L - 6, top + row / 2 + 4,
                        xml(label));
    for (std::size_t si = 0; si < c.series.size(); ++si) {
      const auto& sr = c.series[si];
      if (c.range) {
        // From the centre (else from one end) to each end, coloured by the end.
        const double centre = c.reference.value_or(sr.lo[i]);
        for (const auto& [end, k] : {std::pair{sr.lo[i], 0}, std::pair{sr.hi[i], 1}}) {
          if (!std::isfinite(end) || !std::isfinite(centre)) continue;
          const double a = X(std::min(centre, end)), b = X(std::max(centre, end));
          body += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n", a,
                              top + 3, std::max(0.5, b - a), row - 6, series_colour(static_cast<std::size_t>(k) + 2));
        }
        continue;
      }
      if (!std::isfinite(sr.value[i])) continue;
      const double y = top + 3 + 12.0 * static_cast<double>(si);
      const double a = X(std::min(0.0, sr.value[i])), b = X(std::max(0.0, sr.value[i]));
      body += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"10\" fill=\"{}\"/>\n", a, y,
                          std::max(0.5, b - a), series_colour(si));
      if (std::isfinite(sr.lo[i]) && std::isfinite(sr.hi[i])) {
        body += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#222\"/>\n",
                            X(sr.lo[i]), X(sr.hi[i]), y + 5, y + 5);
      }
    }
  }
  if (c.reference) {
    body += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#444\" stroke-dasharray=\"6 4\"/>\n",
        X(*c.reference), T, T + ph);
  }
  body +=
      fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n", L, T, pw, ph);
  std::vector<LegendEntry> legend;
  if (c.range) {
    legend = {{"input in its lowest tenth", series_colour(2)}, {"input in its highest tenth", series_colour(3)}};
  } else {
    for (std::size_t si = 0; si < c.series.size(); ++si) legend.push_back({c.series[si].name, series_colour(si)});
  }
  const double height = draw_legend(body, legend, T + ph + 2 * LINE + 4);
  return open_svg(std::ceil(height)) + body + "</svg>\n";
}

}  // namespace fabcast::report
