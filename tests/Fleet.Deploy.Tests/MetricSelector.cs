namespace Fleet.Deploy.Tests;

/// <summary>A PromQL instant-vector selector: a metric name and its label matchers.</summary>
internal sealed record MetricSelector(string Metric, IReadOnlyList<LabelMatcher> Matchers);
