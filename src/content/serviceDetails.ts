/** The advice service's own details, from configuration, as values for {{placeholders}}. */
import { Config } from '../config/config';
import { describeWeeklyHours } from '../hours/describeHours';
import { PlaceholderValues } from './placeholders';

export function serviceDetails(config: Config): PlaceholderValues {
  return {
    serviceName: config.SERVICE_NAME,
    adviceLinePhone: config.ADVICE_LINE_PHONE,
    adviceLineHours: describeWeeklyHours(config.ADVICE_LINE_HOURS),
    webchatHours: describeWeeklyHours(config.WEBCHAT_HOURS),
    adviceFormUrl: config.ADVICE_FORM_URL,
    retentionDays: String(config.RETENTION_DAYS),
  };
}

export const SERVICE_PLACEHOLDERS = ['serviceName', 'adviceLinePhone', 'adviceLineHours', 'webchatHours', 'adviceFormUrl', 'retentionDays'];
