/* Draws the report charts from the JSON the page embeds (#report-data); the tables hold the same numbers. */
(() => {
  const source = document.getElementById('report-data');
  if (!source || typeof window.Chart !== 'function') return;
  const data = JSON.parse(source.textContent || '{}');
  const colours = ['#0b4a6f', '#b35c00', '#0d5b2a', '#7a1f5c', '#555555'];
  const horizontal = { byField: true, byCounty: true, byTitleLevel: true, needsByStatus: true };
  window.Chart.defaults.font.size = 16;
  window.Chart.defaults.color = '#111';
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const id = canvas.getAttribute('data-chart');
    const chart = data[id];
    if (!chart) continue;
    const line = id === 'monthly';
    new window.Chart(canvas, {
      type: line ? 'line' : 'bar',
      data: {
        labels: chart.labels,
        datasets: chart.series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: colours[i % colours.length],
          borderColor: colours[i % colours.length],
          borderWidth: line ? 3 : 0,
        })),
      },
      options: {
        indexAxis: horizontal[id] ? 'y' : 'x',
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: chart.series.length > 1 } },
        scales: {
          x: { beginAtZero: true, stacked: Boolean(chart.stacked), ticks: { precision: 0 } },
          y: { beginAtZero: true, stacked: Boolean(chart.stacked), ticks: { precision: 0 } },
        },
      },
    });
    canvas.setAttribute('data-drawn', 'true');
  }
})();
