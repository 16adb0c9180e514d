import { Input } from './component';

export const Login = () => <form><Input name="user" placeholder="Name" /></form>;
