import { Box, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { geoBounds, geoContains, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPoint } from 'geojson';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { PIncident, PVenue } from '../../../../common';
import { SEVERITY_COLOR } from './labels';

const W = 960;
const H = 560;

/**
 * The countries of Natural Earth (1:50 m) shipped in the world-atlas package: loaded from the application's own files,
 * no tile server, so the board works offline. Loaded on first use (it is the largest part of the page).
 */
function useCountries() {
  return useQuery({
    queryKey: ['geo', 'countries-50m'],
    staleTime: Infinity,
    queryFn: async () => {
      const topo = (await import('world-atlas/countries-50m.json')).default as unknown as Topology<{ countries: GeometryCollection }>;
      return feature(topo, topo.objects.countries) as FeatureCollection<Geometry>;
    },
  });
}

/** The frame to show: the venues (with a margin), never less than about 5° a side so that one venue still has context. */
function frame(venues: PVenue[]): Feature<MultiPoint> {
  const lats = venues.map((v) => v.lat);
  const lons = venues.map((v) => v.lon);
  let [s, n, w, e] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const padLat = Math.max(1.2, (n - s) * 0.12, (5 - (n - s)) / 2);
  const padLon = Math.max(1.2, (e - w) * 0.12, (5 - (e - w)) / 2);
  [s, n, w, e] = [s - padLat, n + padLat, w - padLon, e + padLon];
  // The four corners as points: no ring winding to get wrong on the sphere.
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [[w, s], [w, n], [e, n], [e, s]] } };
}

/**
 * The situation map: host countries shaded (those holding a venue), venues as squares, incidents as dots coloured by
 * severity around their venue. Drawn as SVG with d3-geo; hovering a mark names it.
 */
export function VenueMap({ venues, incidents, onSelect }: { venues: PVenue[]; incidents: PIncident[]; onSelect?: (incidentId: string) => void }) {
  const { t } = useTranslation();
  const countries = useCountries();
  const [hover, setHover] = useState<string | null>(null);
  const drawn = useMemo(() => {
    if (!countries.data || venues.length === 0) return null;
    const box = frame(venues);
    const projection = geoMercator().fitExtent([[8, 8], [W - 8, H - 8]], box);
    const path = geoPath(projection);
    const [[w, s], [e, n]] = geoBounds(box);
    const visible = countries.data.features.filter((f) => {
      const [[fw, fs], [fe, fn]] = geoBounds(f);
      return fe >= w - 10 && fw <= e + 10 && fn >= s - 10 && fs <= n + 10;
    });
    const hosts = new Set(visible.filter((f) => venues.some((v) => geoContains(f, [v.lon, v.lat]))).map((f) => String(f.id)));
    return { projection, shapes: visible.map((f) => ({ id: String(f.id), d: path(f) ?? '', host: hosts.has(String(f.id)) })) };
  }, [countries.data, venues]);

  if (venues.length === 0) return <Text c="dimmed" size="sm">{t('events.map.noVenues')}</Text>;
  if (!drawn) return <Box h={300} />;
  const at = (lon: number, lat: number) => drawn.projection([lon, lat]) ?? [0, 0];
  const byVenue = new Map<string, PIncident[]>();
  for (const i of incidents) if (i.venue) byVenue.set(i.venue.id, [...(byVenue.get(i.venue.id) ?? []), i]);
  return (
    <Box pos="relative">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('events.map.label', { venues: venues.length, incidents: incidents.filter((i) => i.venue).length })} style={{ background: '#dbe9f6', borderRadius: 8, display: 'block' }} data-testid="venue-map">
        <g>
          {drawn.shapes.map((s) => (
            <path key={s.id} d={s.d} fill={s.host ? '#f4efe1' : '#e9ecef'} stroke="#adb5bd" strokeWidth={0.6} />
          ))}
        </g>
        <g>
          {venues.map((v) => {
            const [x, y] = at(v.lon, v.lat);
            return (
              <g key={v.id} transform={`translate(${x},${y})`} onMouseEnter={() => setHover(v.name)} onMouseLeave={() => setHover(null)}>
                <rect x={-4} y={-4} width={8} height={8} fill="#1f2a44" stroke="#fff" strokeWidth={1.2}>
                  <title>{v.name}</title>
                </rect>
              </g>
            );
          })}
        </g>
        <g>
          {[...byVenue.entries()].flatMap(([, list]) =>
            list.map((i, k) => {
              // Several incidents at one venue sit on a small ring around it.
              const [x, y] = at(i.venue!.lon, i.venue!.lat);
              const angle = (k / Math.max(list.length, 1)) * 2 * Math.PI;
              const r = list.length > 1 ? 11 : 0;
              return (
                <circle
                  key={i.id}
                  cx={x + r * Math.cos(angle)}
                  cy={y - 10 + r * Math.sin(angle)}
                  r={i.severity === 'critical' ? 8 : i.severity === 'high' ? 7 : 6}
                  fill={SEVERITY_COLOR[i.severity]}
                  fillOpacity={i.status === 'closed' || i.status === 'resolved' ? 0.45 : 0.95}
                  stroke="#fff"
                  strokeWidth={1.5}
                  style={{ cursor: onSelect ? 'pointer' : undefined }}
                  onClick={() => onSelect?.(i.id)}
                  onMouseEnter={() => setHover(`${i.title} · ${i.venue!.name}`)}
                  onMouseLeave={() => setHover(null)}
                  data-testid="incident-marker"
                >
                  <title>{`${i.title} · ${i.venue!.name}`}</title>
                </circle>
              );
            }),
          )}
        </g>
      </svg>
      {hover && (
        <Text size="xs" pos="absolute" top={8} style={{ insetInlineStart: 8, background: 'rgba(255,255,255,.9)', padding: '2px 6px', borderRadius: 4 }}>
          <bdi>{hover}</bdi>
        </Text>
      )}
    </Box>
  );
}
