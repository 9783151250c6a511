using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Fleet.Benchmarks;

/// <summary>A summary column computed from the summary or from what the benchmark recorded.</summary>
public sealed class PlacementColumn(string name, string legend, Func<Summary, BenchmarkCase, double?> value) : IColumn
{
    public string Id => "Fleet." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        value(summary, benchmarkCase) is { } number && !double.IsNaN(number)
            ? number.ToString(number >= 100 ? "N0" : number >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture)
            : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
