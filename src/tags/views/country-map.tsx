/**
 * The locator map of a hub page as inline SVG: the country filled, its neighbours for
 * context, places as dots. Drawn from local data (src/hubs/map); it refers to nothing
 * outside the page. Colours come from the stylesheet (so the dark scheme applies), with
 * presentation attributes as the fallback when styles are off.
 */
import type { HubMap } from '../../hubs/hub-data.ts';

/** Renders the map; `label` is its accessible name ("Map of Jordan"). */
export function CountryMap(props: { map: HubMap; label: string }) {
  const { outline, markers } = props.map;
  const { width, height, ring } = outline;
  return (
    <figure class="hub-map">
      <svg class="hub-map__svg" role="img" aria-label={props.label} viewBox={`0 0 ${width} ${height}`} width={width} height={height} focusable="false">
        <rect class="hub-map__sea" width={width} height={height} fill="#dfe9ef" />
        {outline.neighbours ? <path class="hub-map__land" d={outline.neighbours} fill="#ece7e1" stroke="#b9b2aa" stroke-width="0.6" stroke-linejoin="round" /> : null}
        <path class="hub-map__country" d={outline.country} fill="#8a1c2b" stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round" />
        {ring ? <circle class="hub-map__ring" cx={ring.cx} cy={ring.cy} r={ring.r} fill="none" stroke="#8a1c2b" stroke-width="1.5" /> : null}
        {ring?.hasDot ? <circle class="hub-map__country" cx={ring.cx} cy={ring.cy} r="2.5" fill="#8a1c2b" /> : null}
        {markers.map((marker) =>
          marker.isCurrent ? (
            <circle class="hub-map__marker hub-map__marker--current" cx={marker.x} cy={marker.y} r="5" fill="#ffffff" stroke="#1b1a19" stroke-width="2.5" />
          ) : (
            <circle class="hub-map__marker" cx={marker.x} cy={marker.y} r="2.5" fill="#ffffff" stroke="#1b1a19" stroke-width="1" />
          ),
        )}
      </svg>
    </figure>
  );
}
