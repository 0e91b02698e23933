// The run report's charts, drawn from a real run of altman-7t: the same colour for a series in the
// Vega-Lite spec and in the SVG, every SVG text inside its viewBox, tooltips that name steps as the
// run does, money in dollars, the modules in panels, reference lines from the world's figures, and
// the distributions and training runs the report adds.

#include "report/charts.hpp"

#include "report/document.hpp"
#include "report/run_document.hpp"
#include "report/run_job.hpp"
#include "report/run_sections.hpp"
#include "scenario/loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <regex>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;
using ::testing::HasSubstr;
using ::testing::Not;

// One stored run of altman-7t, made once for every test here.
class RunCharts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto sc = scenario::load_scenario("altman-7t", {});
    core::RunOptions opt;
    opt.seed = 3;
    opt.threads = 2;
    opt.stop.samples = 400;
    job_ = new RunJob(run_job(sc, opt, core::SamplingMethod::monte_carlo));
    run_ = new store::StoredRun();
    static_cast<store::NewRun&>(*run_) = to_store_record(sc, *job_, {}, 2, false);
    run_->id = 1;
    run_->created = "2026-01-01T00:00:00Z";
    result_ = new Json(Json::parse(job_->json));
  }
  static void TearDownTestSuite() {
    delete job_;
    delete run_;
    delete result_;
  }
  static WorldFigures world() {
    WorldFigures w;
    w.h100_flops = 9.89e14;
    w.power_gw = {{"a level throughout", 20, std::nullopt}, {"a level from 2028", 103, 2028.0}};
    return w;
  }
  // Every chart the run report draws: over time, distributions and training runs.
  static std::vector<AnyChart> all_charts() {
    std::vector<AnyChart> out;
    for (auto& c : report_charts(*result_, world())) out.emplace_back(std::move(c));
    for (auto& s : distribution_sections(*result_)) {
      for (auto& c : s.charts) out.push_back(std::move(c));
    }
    for (auto& s : training_run_sections(*result_)) {
      for (auto& c : s.charts) out.push_back(std::move(c));
    }
    return out;
  }
  static const Chart& chart(const std::vector<Chart>& charts, const std::string& id) {
    for (const auto& c : charts) {
      if (c.id == id) return c;
    }
    throw std::runtime_error("no chart " + id);
  }
  static RunJob* job_;
  static store::StoredRun* run_;
  static Json* result_;
};
RunJob* RunCharts::job_ = nullptr;
store::StoredRun* RunCharts::run_ = nullptr;
Json* RunCharts::result_ = nullptr;

std::string unescape(std::string s) {
  for (const auto& [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
    for (std::size_t i = 0; (i = s.find(from, i)) != std::string::npos; i += std::string(to).size())
      s.replace(i, std::string(from).size(), to);
  }
  return s;
}

// The SVG legend: label -> colour (a label wrapped over lines joined by spaces).
std::map<std::string, std::string> svg_legend(const std::string& svg) {
  std::map<std::string, std::string> out;
  static const std::regex entry(R"re(<g class="legend">(.*?)</g>)re");
  static const std::regex colour(R"re((?:fill|stroke)="(#[0-9A-Fa-f]{6})")re");
  static const std::regex text(R"re(<text[^>]*>([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), entry); it != std::sregex_iterator(); ++it) {
    const std::string g = (*it)[1];
    std::smatch c;
    EXPECT_TRUE(std::regex_search(g, c, colour)) << g;
    std::string label;
    for (auto t = std::sregex_iterator(g.begin(), g.end(), text); t != std::sregex_iterator(); ++t)
      label += (label.empty() ? "" : " ") + unescape((*t)[1]);
    out[label] = c[1];
  }
  return out;
}

// The Vega-Lite colour scale: domain -> range, from the first colour encoding with a domain.
std::map<std::string, std::string> vega_legend(const Json& spec) {
  std::map<std::string, std::string> out;
  std::function<bool(const Json&)> find = [&](const Json& j) {
    if (j.is_object()) {
      if (j.contains("color") && j["color"].contains("scale") && j["color"]["scale"].contains("domain")) {
        const auto& scale = j["color"]["scale"];
        for (std::size_t i = 0; i < scale["domain"].size(); ++i)
          out[scale["domain"][i].get<std::string>()] = scale["range"][i].get<std::string>();
        return true;
      }
      for (const auto& [k, v] : j.items()) {
        if (find(v)) return true;
      }
    } else if (j.is_array()) {
      for (const auto& v : j) {
        if (find(v)) return true;
      }
    }
    return false;
  };
  find(spec);
  return out;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

TEST_F(RunCharts, EverySeriesHasOneColourInBothRenderers) {
  for (const auto& ch : all_charts()) {
    const auto id = std::visit([](const auto& c) { return c.id; }, ch);
    const auto svg = std::visit([](const auto& c) { return svg_chart(c); }, ch);
    const auto spec = std::visit([](const auto& c) { return vega_lite_spec(c); }, ch);
    const auto in_svg = svg_legend(svg), in_vega = vega_legend(spec);
    EXPECT_FALSE(in_svg.empty()) << id;
    EXPECT_EQ(in_svg, in_vega) << id;
  }
  // The defect this guards: Vega-Lite sorted the names, so memory took packaging's colour.
  const auto charts = report_charts(*result_, world());
  const auto modules = vega_legend(vega_lite_spec(chart(charts, "modules")));
  EXPECT_EQ(modules.at("logic"), series_colour(0));
  EXPECT_EQ(modules.at("packaging"), series_colour(1));
  EXPECT_EQ(modules.at("memory (HBM)"), series_colour(2));
}

// A text's box as the SVG layout reserves it: x by its anchor, one font size tall above the
// baseline; rotated -90 degrees (the y titles) the box turns about its anchor.
struct Box {
  double left, right, top, bottom;
};
std::vector<std::pair<Box, std::string>> text_boxes(const std::string& svg) {
  std::vector<std::pair<Box, std::string>> out;
  static const std::regex text(R"re(<text([^>]*)>([^<]*)</text>)re");
  static const std::regex num_attr(R"re((\bx|\by|font-size)="([-0-9.]+)")re");
  static const std::regex rotate(R"re(translate\(([-0-9.]+),([-0-9.]+)\) rotate\(-90\))re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text); it != std::sregex_iterator(); ++it) {
    const std::string attrs = (*it)[1], content = unescape((*it)[2]);
    std::map<std::string, double> a{{"font-size", 11}};
    for (auto m = std::sregex_iterator(attrs.begin(), attrs.end(), num_attr); m != std::sregex_iterator(); ++m)
      a[(*m)[1]] = std::stod((*m)[2]);
    const double size = a["font-size"], width = svg_text_width(content, size);
    const bool middle = attrs.find("text-anchor=\"middle\"") != std::string::npos;
    const bool end = attrs.find("text-anchor=\"end\"") != std::string::npos;
    std::smatch r;
    if (std::regex_search(attrs, r, rotate)) {
      const double x = std::stod(r[1]), y = std::stod(r[2]);
      const double along = middle ? width / 2 : width;
      out.push_back({{x - size, x + 0.3 * size, y - along, y + (middle ? width / 2 : 0)}, content});
      continue;
    }
    const double left = middle ? a["x"] - width / 2 : end ? a["x"] - width : a["x"];
    out.push_back({{left, left + width, a["y"] - size, a["y"] + 0.3 * size}, content});
  }
  return out;
}

void expect_inside(const std::string& svg, const std::string& id) {
  static const std::regex view(R"re(viewBox="0 0 ([0-9.]+) ([0-9.]+)")re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, view)) << id;
  const double width = std::stod(m[1]), height = std::stod(m[2]);
  const auto boxes = text_boxes(svg);
  EXPECT_FALSE(boxes.empty()) << id;
  for (const auto& [b, text] : boxes) {
    EXPECT_GE(b.left, 0) << id << ": '" << text << "'";
    EXPECT_LE(b.right, width) << id << ": '" << text << "' runs past the right edge";
    EXPECT_GE(b.top, 0) << id << ": '" << text << "'";
    EXPECT_LE(b.bottom, height) << id << ": '" << text << "' runs past the bottom";
  }
}

TEST_F(RunCharts, EverySvgTextAndLegendFitsItsViewBox) {
  for (const auto& ch : all_charts()) {
    expect_inside(std::visit([](const auto& c) { return svg_chart(c); }, ch),
                  std::visit([](const auto& c) { return c.id; }, ch));
  }
  // Labels far longer than a line, and many of them, wrap inside the chart.
  auto c = chart(report_charts(*result_, world()), "power");
  c.fans[0].label = std::string(300, 'm');
  for (int i = 0; i < 9; ++i) c.fans.push_back(c.fans[1]), c.fans.back().label = "series " + std::to_string(i);
  c.fans[1].label =
      "a label with many words that will not fit on one line of the legend however it is set out, "
      "so it is wrapped word by word onto the lines below it and none of it runs past the edge";
  expect_inside(svg_chart(c), "long labels");
  EXPECT_EQ(svg_legend(svg_chart(c)).size(), c.fans.size() + c.references.size() + 1);  // + zero
}

TEST(SvgTextWidth, ReadsDejaVuSansAdvanceWidths) {
  // DejaVu Sans at 11 px: "m" 1995/2048 em, "i" 569/2048, a digit 1303/2048.
  EXPECT_NEAR(svg_text_width("m", 11), 11 * 1995.0 / 2048, 1e-9);
  EXPECT_NEAR(svg_text_width("i", 11), 11 * 569.0 / 2048, 1e-9);
  EXPECT_NEAR(svg_text_width("2031", 11), 4 * 11 * 1303.0 / 2048, 1e-9);
  EXPECT_GT(svg_text_width("≥", 11), 0.5 * 11);  // one character, however many bytes
  EXPECT_LT(svg_text_width("≥", 11), 1.0 * 11);
}

TEST_F(RunCharts, TooltipsNameQuartersAndYearsAsTheRunDoes) {
  const auto charts = report_charts(*result_, world());
  const auto spec = vega_lite_spec(chart(charts, "accelerators"));
  const auto& rows = spec["data"]["values"];
  bool quarter_seen = false;
  for (const auto& row : rows) {
    if (row["kind"] != "fan") continue;
    const double x = row["x"].get<double>();
    const auto step = row["step"].get<std::string>();
    EXPECT_THAT(step, ::testing::MatchesRegex("20[0-9][0-9](Q[1-4])?")) << x;
    if (x == 2025.25) {
      EXPECT_EQ(step, "2025Q2");
      quarter_seen = true;
    }
  }
  EXPECT_TRUE(quarter_seen);
  // The tooltip shows the step's name, titled by the step, never x as a decimal year.
  const auto tooltip = spec["layer"][2]["encoding"]["tooltip"];
  EXPECT_EQ(tooltip[1]["field"], "step");
  EXPECT_EQ(tooltip[1]["title"], "quarter");
  EXPECT_THAT(spec.dump(), Not(HasSubstr("\".2f\"")));
  // A yearly chart (the training runs) names whole years.
  for (const auto& s : training_run_sections(*result_)) {
    for (const auto& c : s.charts) {
      if (const auto* line = std::get_if<Chart>(&c)) {
        const auto v = vega_lite_spec(*line);
        EXPECT_EQ(v["data"]["values"][0]["step"], "2025");
        EXPECT_EQ(v["layer"][0]["encoding"]["tooltip"][1]["title"], "year");
      }
    }
  }
  // Stacked shares too.
  const auto binding = vega_lite_spec(chart(charts, "binding"));
  EXPECT_EQ(binding["data"]["values"][1]["step"], "2025Q2");
  EXPECT_EQ(binding["encoding"]["tooltip"][1]["field"], "step");
}

TEST_F(RunCharts, ModulesDrawOnePanelPerKind) {
  const auto charts = report_charts(*result_, world());
  const auto& c = chart(charts, "modules");
  ASSERT_EQ(c.fans.size(), 3u);
  EXPECT_TRUE(c.facet);
  const auto spec = vega_lite_spec(c);
  EXPECT_EQ(spec["facet"]["field"], "panel");
  EXPECT_EQ(spec["facet"]["sort"], Json::array({"logic", "packaging", "memory (HBM)"}));
  EXPECT_EQ(spec["resolve"]["scale"]["y"], "independent");
  // Each fan's rows go to its own panel.
  for (const auto& row : spec["data"]["values"]) {
    if (row["kind"] == "fan") {
      EXPECT_EQ(row["panel"], row["series"]);
    }
  }
  // The SVG: three plot frames side by side, and in each only one series' colour.
  const auto svg = svg_chart(c);
  static const std::regex frame(R"re(<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)" [^>]*stroke="#888"/>)re");
  std::vector<std::pair<double, double>> frames;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), frame); it != std::sregex_iterator(); ++it)
    frames.emplace_back(std::stod((*it)[1]), std::stod((*it)[1]) + std::stod((*it)[2]));
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_LE(frames[0].second, frames[1].first);
  EXPECT_LE(frames[1].second, frames[2].first);
  // Between two frames' markup, band and line colours are the panel's own.
  std::size_t at = 0;
  for (std::size_t p = 0; p < 3; ++p) {
    const auto end = svg.find("stroke=\"#888\"", at);
    const auto panel = svg.substr(at, end - at);
    for (std::size_t other = 0; other < 3; ++other) {
      if (other != p) {
        EXPECT_THAT(panel, Not(HasSubstr(series_colour(other)))) << "panel " << p;
      }
    }
    EXPECT_THAT(panel, HasSubstr(series_colour(p)));
    at = end + 1;
  }
}

TEST_F(RunCharts, MoneyReadsInDollarsAndTitlesNameTheStep) {
  const auto charts = report_charts(*result_, world());
  const auto& spend = chart(charts, "spend");
  EXPECT_EQ(spend.y_unit, Unit::usd);
  const auto spec = vega_lite_spec(spend);
  const auto axis = spec["layer"][0]["encoding"]["y"]["axis"];
  ASSERT_TRUE(axis.contains("labelExpr"));
  EXPECT_THAT(axis["labelExpr"].get<std::string>(), HasSubstr("'B'"));
  EXPECT_FALSE(axis.contains("format"));  // "~s" would read 200G
  // Tooltips print money as the report does.
  for (const auto& row : spec["data"]["values"]) {
    if (row["kind"] == "fan") {
      EXPECT_THAT(row["median"].get<std::string>(), ::testing::StartsWith("$"));
    }
  }
  // SVG ticks: $0, $500B, $1T, ...
  const auto svg = svg_chart(spend);
  static const std::regex tick(R"re(text-anchor="end">([^<]*)</text>)re");
  int ticks = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tick); it != std::sregex_iterator(); ++it, ++ticks)
    EXPECT_THAT(std::string((*it)[1]), ::testing::MatchesRegex("\\$[0-9.,]+[MBT]?")) << (*it)[1];
  EXPECT_GE(ticks, 3);
  EXPECT_EQ(format_for(2e11, Unit::usd), "$200B");
  EXPECT_EQ(format_for(1.5e12, Unit::usd), "$1.5T");
  // A quarterly run's per-step series is titled per quarter, not per year.
  EXPECT_THAT(chart(charts, "accelerators").title, HasSubstr("per quarter"));
  EXPECT_THAT(lower(chart(charts, "accelerators").title), Not(HasSubstr("year")));
  auto yearly = *result_;
  yearly["run"]["step_years"] = 1;
  yearly["steps"] = Json::array();
  for (std::size_t t = 0; t < result_->at("steps").size(); ++t) yearly["steps"].push_back(std::to_string(2025 + t));
  EXPECT_THAT(chart(report_charts(yearly), "accelerators").title, HasSubstr("per year"));
}

TEST_F(RunCharts, StatesAndZeroAreNamedByWhatTheyMean) {
  const auto charts = report_charts(*result_, world());
  // binding_none: nothing left to start (starts.cpp), not "none".
  const auto& binding = chart(charts, "binding");
  std::vector<std::string> names;
  for (const auto& l : binding.layers) names.push_back(l.label);
  EXPECT_THAT(names, Not(::testing::Contains("none")));
  EXPECT_THAT(names, ::testing::Contains(HasSubstr("budget all committed")));
  // The limiting shares sum to less than 1 before any output: that remainder is named.
  const auto& limiting = chart(charts, "limiting");
  ASSERT_THAT(limiting.layers.back().label, HasSubstr("nothing made"));
  for (std::size_t t = 0; t < limiting.time.size(); ++t) {
    double sum = 0;
    for (const auto& l : limiting.layers) sum += l.share[t];
    EXPECT_NEAR(sum, 1, 1e-9) << t;
  }
  // Installed compute starts at zero in every sample: on the log axis zero is drawn at a floor the
  // legend names and the axis labels 0; tooltips say what share of samples sits there.
  const auto& flops = chart(charts, "flops");
  ASSERT_TRUE(flops.fans[0].p5[0] && *flops.fans[0].p5[0] == 0);
  const auto svg = svg_chart(flops);
  EXPECT_THAT(svg, HasSubstr("text-anchor=\"end\">0</text>"));
  const auto legend = svg_legend(svg);
  const auto zero = std::find_if(legend.begin(), legend.end(),
                                 [](const auto& e) { return e.first.find("drawn at the floor") != std::string::npos; });
  ASSERT_NE(zero, legend.end());
  EXPECT_THAT(zero->first, HasSubstr("no compute installed yet"));
  const auto spec = vega_lite_spec(flops);
  EXPECT_EQ(spec["data"]["values"][0]["at_zero"], ">= 95%");
  EXPECT_THAT(spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"].get<std::string>(), HasSubstr("'0'"));
}

TEST_F(RunCharts, ReferenceLinesDrawTheWorldsFigures) {
  const auto charts = report_charts(*result_, world());
  const auto& series = result_->at("series");
  // Installed compute: the world's H100-equivalents (median) at the H100's FLOP/s.
  const auto& flops = chart(charts, "flops");
  ASSERT_EQ(flops.references.size(), 1u);
  for (std::size_t t = 0; t < flops.time.size(); ++t) {
    EXPECT_DOUBLE_EQ(*flops.references[0].y[t], series["world_installed_h100e"]["p50"][t].get<double>() * 9.89e14);
  }
  // Logic capacity: the world's leading edge (median).
  const auto& capacity = chart(charts, "capacity");
  ASSERT_EQ(capacity.references.size(), 1u);
  EXPECT_EQ(*capacity.references[0].y.back(), series["world_leading_edge_wspm"]["p50"].back().get<double>());
  // Power: levels, one from 2028 on only.
  const auto& power = chart(charts, "power");
  ASSERT_EQ(power.references.size(), 2u);
  for (std::size_t t = 0; t < power.time.size(); ++t) {
    EXPECT_EQ(power.references[0].y[t], 20.0);
    EXPECT_EQ(power.references[1].y[t].has_value(), power.time[t] >= 2028) << power.time[t];
  }
  // Both renderers draw them dashed in their own colour.
  for (const auto* c : {&flops, &capacity, &power}) {
    const auto svg = svg_chart(*c);
    const std::string colour = series_colour(c->fans.size());
    EXPECT_THAT(svg, HasSubstr("stroke=\"" + colour + "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"")) << c->id;
    const auto spec = vega_lite_spec(*c);
    int rows = 0;
    for (const auto& row : spec["data"]["values"]) rows += row["kind"] == "reference";
    EXPECT_GT(rows, 0) << c->id;
  }
  // Without the H100's FLOP/s the world's count cannot be drawn as FLOP/s.
  EXPECT_TRUE(chart(report_charts(*result_), "flops").references.empty());
}

TEST_F(RunCharts, TheJsonCarriesEachScalarsCdf) {
  std::vector<double> percents;
  for (int p = 0; p <= 100; ++p) percents.push_back(p / 100.0);
  for (const auto& s : job_->result.scalars) {
    const auto& cdf = result_->at("scalars").at(s.name).at("cdf");
    ASSERT_EQ(cdf["quantiles"].size(), 101u) << s.name;
    auto sorted = s.values;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < 101; ++i) {
      const double exact = core::quantile_sorted(sorted, percents[i]);
      if (std::isfinite(exact)) {
        EXPECT_EQ(cdf["quantiles"][i].get<double>(), exact) << s.name << " " << i;
      } else {
        EXPECT_TRUE(cdf["quantiles"][i].is_null()) << s.name << " " << i;
      }
    }
    const auto n = static_cast<double>(sorted.size());
    EXPECT_EQ(cdf["share_zero"].get<double>(), static_cast<double>(std::count(sorted.begin(), sorted.end(), 0.0)) / n);
    EXPECT_EQ(
        cdf["share_nonfinite"].get<double>(),
        static_cast<double>(std::count_if(sorted.begin(), sorted.end(), [](double v) { return std::isinf(v); })) / n);
  }
}

TEST_F(RunCharts, DistributionsShowTheMassAtZeroAndNever) {
  const auto sections = distribution_sections(*result_);
  ASSERT_EQ(sections.size(), 1u);
  std::map<std::string, const CdfChart*> by_id;
  for (const auto& c : sections[0].charts) {
    const auto& cdf = std::get<CdfChart>(c);
    by_id[cdf.id] = &cdf;
  }
  for (const char* id : {"cdf-committed_usd", "cdf-npv_usd", "cdf-payback_year", "cdf-modules_operating_2035",
                         "cdf-installed_flops_2035"}) {
    EXPECT_TRUE(by_id.count(id)) << id;
  }
  // The payback that never comes: the curve ends at the share that pays back, and the legend says
  // how many never do.
  const auto& payback = *by_id.at("cdf-payback_year");
  const auto& json = result_->at("scalars").at("payback_year");
  EXPECT_NEAR(payback.cdfs[0].share_never, 1 - json["share_finite"].get<double>(), 1e-12);
  if (payback.cdfs[0].share_never > 0) {
    const auto legend = svg_legend(svg_chart(payback));
    ASSERT_EQ(legend.size(), 1u);
    EXPECT_THAT(legend.begin()->first, HasSubstr("never: "));
    EXPECT_THAT(svg_chart(payback), HasSubstr("stroke-dasharray=\"4 3\""));  // the flat end
  }
  // Money on the x axis reads in dollars.
  EXPECT_EQ(by_id.at("cdf-committed_usd")->x_unit, Unit::usd);
  // A CDF climbs: its points' shares rise with their values.
  const auto spec = vega_lite_spec(*by_id.at("cdf-committed_usd"));
  double last_x = -INFINITY, last_share = -1;
  for (const auto& row : spec["data"]["values"]) {
    if (row["kind"] != "cdf") continue;
    EXPECT_GE(row["x"].get<double>(), last_x);
    EXPECT_GT(row["share"].get<double>(), last_share);
    last_x = row["x"].get<double>();
    last_share = row["share"].get<double>();
  }
  // A run stored before the JSON carried CDFs gets no such section.
  auto old = *result_;
  for (auto& [name, s] : old["scalars"].items()) s.erase("cdf");
  EXPECT_TRUE(distribution_sections(old).empty());
}

TEST_F(RunCharts, TrainingRunsByYearAndTheirFirstYear) {
  const auto sections = training_run_sections(*result_);
  ASSERT_EQ(sections.size(), 2u);
  const auto& runs = result_->at("training_runs");
  // The table: a row a year, a column a threshold, the JSON's probabilities.
  const auto& by_year = sections[0];
  EXPECT_EQ(by_year.header.size(), 1 + runs.size());
  ASSERT_EQ(by_year.rows.size(), runs.begin().value()["years"].size());
  const auto& line = std::get<Chart>(by_year.charts.at(0));
  EXPECT_EQ(line.fans.size(), runs.size());
  std::size_t k = 0;
  for (const auto& [threshold, item] : runs.items()) {
    for (std::size_t t = 0; t < line.time.size(); ++t)
      EXPECT_EQ(*line.fans[k].p50[t], item["probability"][t].get<double>()) << threshold;
    ++k;
  }
  EXPECT_EQ(line.y_unit, Unit::share);
  // The first year: a CDF per threshold whose never share is the JSON's.
  const auto& first = sections[1];
  EXPECT_EQ(first.rows.size(), runs.size());
  const auto& cdfs = std::get<CdfChart>(first.charts.at(0));
  ASSERT_EQ(cdfs.cdfs.size(), runs.size());
  k = 0;
  for (const auto& [threshold, item] : runs.items()) {
    const auto& s = result_->at("scalars").at("first_year_run_exceeds_" + threshold);
    EXPECT_NEAR(cdfs.cdfs[k].share_never, 1 - s["share_finite"].get<double>(), 1e-12) << threshold;
    ++k;
  }
  EXPECT_EQ(cdfs.x_unit, Unit::year);
}

TEST_F(RunCharts, ComparatorsAreNamedAndSetAgainstThePledge) {
  const auto s = comparators_section(*result_, 7e12);
  EXPECT_THAT(s.intro, HasSubstr("$7T"));
  ASSERT_FALSE(s.rows.empty());
  EXPECT_EQ(s.header[3], "pledge / comparator");
  for (const auto& row : s.rows) {
    // Named by what it is, not by a date or a key.
    EXPECT_THAT(row.cells[0], Not(::testing::StartsWith("Around")));
    EXPECT_THAT(row.cells[0], Not(HasSubstr("comparators.")));
  }
  const auto outlays = std::find_if(s.rows.begin(), s.rows.end(), [](const Row& r) {
    return r.cells[0].find("federal outlays") != std::string::npos;
  });
  ASSERT_NE(outlays, s.rows.end());
  EXPECT_EQ(outlays->cells[3], "1.14x");  // 7e12 / 6.134e12
  const auto tesla = std::find_if(s.rows.begin(), s.rows.end(),
                                  [](const Row& r) { return r.cells[0].find("Tesla") != std::string::npos; });
  ASSERT_NE(tesla, s.rows.end());
  EXPECT_EQ(tesla->cells[1], "$620B");
}

TEST_F(RunCharts, TheReportDrawsEveryChart) {
  const auto html = html_report(*run_);
  const auto md = markdown_report(*run_, "charts");
  for (const char* id : {"modules", "flops", "power", "capacity", "binding", "limiting", "cdf-committed_usd",
                         "cdf-payback_year", "training_runs", "training_first_year"}) {
    EXPECT_THAT(html, HasSubstr(std::string("id=\"chart-") + id + "\"")) << id;
    EXPECT_THAT(md.markdown, HasSubstr(std::string("](charts/") + id + ".svg)")) << id;
  }
  // The world's figures come from the stored scenario and the data: the power chart's US levels.
  EXPECT_THAT(html, HasSubstr("US data centres"));
  EXPECT_THAT(html, HasSubstr("H100-equivalent at 9.89e14 FLOP/s"));
  EXPECT_THAT(html, HasSubstr("pledges $7T (program.budget_usd)"));
  for (const auto& [file, svg] : md.files) expect_inside(svg, file);
}

}  // namespace
}  // namespace fabcast::report
