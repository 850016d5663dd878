// Draws the committee dashboard's charts from the figures the page embeds.
(function () {
  const source = document.getElementById("dashboard-data");
  if (!source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const palette = ["#c8161d", "#d4a017", "#6c757d", "#8e1015", "#f0c75e", "#adb5bd", "#5a0a0d"];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  new Chart(document.getElementById("chart-branches"), {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: palette[i] })),
    },
    options: {
      indexAxis: "y", responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
      plugins: { legend: { position: "bottom" } },
    },
  });

  const kinds = document.getElementById("chart-kinds");
  if (!kinds) return;
  new Chart(kinds, {
    type: "doughnut",
    data: {
      labels: data.kinds.map((k) => k.label),
      datasets: [{ data: data.kinds.map((k) => k.value), backgroundColor: palette }],
    },
    options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } },
  });
})();
