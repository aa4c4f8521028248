import type { PCase, PMe } from '../../../../common';

/** The writer's desk that handles the case (the owner's desk, or the desk their agency accepted it with), if they sit on it. */
export function caseDeskOf(me: PMe, c: PCase): string | undefined {
  if (me.desks.some((d) => d.id === c.desk.id)) return c.desk.id;
  const own = c.participants.find((p) => p.agency.id === me.agency.id);
  return me.desks.find((d) => d.name === own?.deskName)?.id;
}
