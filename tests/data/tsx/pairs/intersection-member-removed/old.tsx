import * as React from 'react';

type Common = { id?: string; testId?: string };

export const Avatar = ({ src, id }: Common & { src: string }) => <img id={id} src={src} alt="" />;
