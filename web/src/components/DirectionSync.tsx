import { useDirection } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../../../common';
import { directionOf } from '../i18n';

/** Keeps Mantine's direction in step with the interface language so Arabic mirrors the layout. */
export function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const lang = i18n.language;
  useEffect(() => {
    if (isLocale(lang)) setDirection(directionOf(lang));
  }, [lang, setDirection]);
  return null;
}
